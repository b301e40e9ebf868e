#!/usr/bin/env python3
"""Out-of-scope answers for a topic the calibration has never seen (leave one held-out intent out).

The shipped `fixtures/kb-eval` holds four intents out of the KB; their validation questions sit in
`kb/calibration.csv` as out-of-scope examples, and their test questions in `queries.csv`. This
script asks what happens when an out-of-scope topic arrives that has *no* examples: for each held-out
intent it copies the KB folder, drops that intent's rows from `calibration.csv`, and runs
`maildesk kb eval --details` on the test queries, then reports, at the threshold, the answers given
to that intent's test questions (and the overall figures of that run).

Usage: bench/kb-unseen-topics.py [--maildesk .build/release/maildesk] [--threshold 0.95]
"""
import argparse, csv, json, os, shutil, subprocess, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--maildesk", default=os.path.join(ROOT, ".build/release/maildesk"))
    ap.add_argument("--threshold", type=float, default=0.95)
    ap.add_argument("--corpus", default=os.path.join(ROOT, "fixtures/corpus/intents/bitext"))
    args = ap.parse_args()
    kb = os.path.join(ROOT, "fixtures/kb-eval/kb")
    queries = os.path.join(ROOT, "fixtures/kb-eval/queries.csv")
    intent_of = {}
    for name in ("Validation", "Testing"):
        with open(os.path.join(args.corpus, f"Bitext_Sample_Customer_Service_{name}_Dataset.csv"), encoding="utf-8") as f:
            for r in csv.DictReader(f):
                intent_of[" ".join(r["utterance"].split())] = r["intent"]
    with open(os.path.join(kb, "calibration.csv"), encoding="utf-8") as f:
        calibration = list(csv.DictReader(f))
    held_out = sorted({intent_of[r["text"]] for r in calibration if not r["expected"]})
    print(f"threshold {args.threshold}; held-out intents: {', '.join(held_out)}")
    print("unseen intent | its test questions answered | run: precision coverage out_of_scope_answered")
    total_answered = total = 0
    for unseen in held_out:
        with tempfile.TemporaryDirectory() as tmp:
            folder = os.path.join(tmp, "kb")
            shutil.copytree(kb, folder)
            with open(os.path.join(folder, "calibration.csv"), "w", encoding="utf-8", newline="") as f:
                w = csv.writer(f, lineterminator="\n")
                w.writerow(["text", "expected"])
                for r in calibration:
                    if r["expected"] or intent_of[r["text"]] != unseen:
                        w.writerow([r["text"], r["expected"]])
            details = os.path.join(tmp, "details.jsonl")
            run = json.loads(subprocess.run([args.maildesk, "kb", "eval", "--kb", folder, "--queries", queries,
                                             "--threshold", str(args.threshold), "--details", details, "--json"],
                                            check=True, capture_output=True, text=True).stdout)
            rows = [json.loads(line) for line in open(details, encoding="utf-8")]
        mine = [r for r in rows if intent_of.get(r["text"]) == unseen]
        answered = sum(1 for r in mine if r.get("top") and float(r["confidence"]) >= args.threshold)
        total_answered += answered
        total += len(mine)
        print(f"{unseen} | {answered} of {len(mine)} | {run['precision']:.3f} {run['coverage']:.3f} "
              f"{run['out_of_scope_answered']:.3f}")
    print(f"unseen topics answered: {total_answered} of {total} ({total_answered / total:.1%})")


if __name__ == "__main__":
    main()
