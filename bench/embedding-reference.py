#!/usr/bin/env python3
"""Records reference embeddings of all-MiniLM-L6-v2 for HelpdeskEmbeddingTests.

Runs the model through sentence-transformers (PyTorch) and writes, for each test sentence, the token ids
of the model's own tokenizer and the normalised 384-value embedding to fixtures/embeddings/reference.json.
Not run by the tests: it needs torch and sentence-transformers (several GB), e.g.

    python3 -m venv /tmp/refenv && /tmp/refenv/bin/pip install torch sentence-transformers
    /tmp/refenv/bin/python bench/embedding-reference.py --model /usr/local/share/maildesk/models/all-MiniLM-L6-v2
"""
import argparse
import json
import os

SENTENCES = [
    "How do I reset my password?",
    "I forgot my password and the reset mail never arrived",
    "Where is my refund? I returned the shoes two weeks ago.",
    "Can I change the delivery address of order #4711 after it shipped?",
    "Ich möchte meine Rechnung für März ändern lassen.",
    "Je n'arrive pas à me connecter à mon compte depuis hier.",
    "¿Cuándo llegará mi pedido? Número de seguimiento: ES-123456",
    "退款多久能到账？我已经等了一个星期。",
    "パスワードをリセットするメールが届きません",
    "Thanks!!! 👍 That fixed it :-)",
    "URGENT: the app crashes on start (v2.3.1, Android 14) — error code 0x80070005",
    "Tabs\tand\nnew lines\r\nand   spaces",
    "",
    "naïve café résumé Ångström ÉCOLE",
    "Prices went up from $19.99 to $24.99/month, why was I charged twice on 2026-11-30?",
    " ".join(["the invoice total is wrong and I need a corrected invoice for my accountant"] * 30),
]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default="/usr/local/share/maildesk/models/all-MiniLM-L6-v2")
    ap.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "..", "fixtures", "embeddings", "reference.json"))
    args = ap.parse_args()
    from sentence_transformers import SentenceTransformer
    import sentence_transformers
    import torch
    model = SentenceTransformer(args.model, device="cpu")
    vectors = model.encode(SENTENCES, normalize_embeddings=True, convert_to_numpy=True, batch_size=1)
    items = []
    for text, vector in zip(SENTENCES, vectors):
        ids = model.tokenizer(text, truncation=True, max_length=model.max_seq_length)["input_ids"]
        items.append({"text": text, "ids": ids, "vector": [round(float(v), 7) for v in vector]})
    doc = {
        "model": "all-MiniLM-L6-v2",
        "produced_by": f"sentence-transformers {sentence_transformers.__version__}, torch {torch.__version__}, "
                       f"max_seq_length {model.max_seq_length}, normalize_embeddings=True",
        "sentences": items,
    }
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False, indent=1)
        f.write("\n")
    print(f"wrote {len(items)} reference embeddings to {args.out}")


if __name__ == "__main__":
    main()
