#!/usr/bin/env python3
"""Cross-validated threshold choice for the KB confidence, on the validation split only.

`kb eval` on `calibration.csv` itself scores the calibration on the queries it was fitted on
(optimistic). This script refits the same logistic calibration (five features of the top result,
Newton's method, L2 0.01 on the weights, as `KBCalibration.fit`) in 10 stratified folds and scores
each fold with the model fitted on the other nine, then sweeps the threshold and prints the rule's
pick: the lowest threshold with precision >= 95%, out of scope answered <= 2%, coverage >= 50%.

Usage:
  maildesk kb eval --kb fixtures/kb-eval/kb --queries fixtures/kb-eval/kb/calibration.csv \\
      --details /tmp/val.jsonl
  bench/kb-calibration-cv.py /tmp/val.jsonl

The features come from the whole query's ranking (`--details` candidates), not from the
per-sentence search of `kb eval`; for the one-sentence Bitext queries they are the same.
"""
import json
import random
import sys

import numpy as np

FOLDS = 10
SEED = 20261201


def features(row):
    c = row["candidates"]
    if not c:
        return [0.0] * 5, None
    top = c[0]
    f = lambda x, k: float(x[k])
    second = f(c[1], "score") if len(c) > 1 else 0.0
    return [f(top, "score"), f(top, "score") - second, f(top, "phrasing_match"),
            f(top, "category_agreement"), f(top, "coverage")], top["id"]


def fit(x, y, l2=0.01, iterations=50):
    rows = np.hstack([x, np.ones((len(x), 1))])
    beta = np.zeros(rows.shape[1])
    penalty = np.eye(rows.shape[1]) * l2
    penalty[-1, -1] = 0
    for _ in range(iterations):
        p = 1 / (1 + np.exp(-rows @ beta))
        gradient = rows.T @ (y - p) - penalty @ beta
        hessian = (rows * np.maximum(p * (1 - p), 1e-9)[:, None]).T @ rows + penalty
        step = np.linalg.solve(hessian, gradient)
        beta += step
        if np.abs(step).max() < 1e-8:
            break
    return beta


def main():
    rows = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
    pairs = [features(r) for r in rows]
    x = np.array([p[0] for p in pairs])
    top = [p[1] for p in pairs]
    expected = [r.get("expected") for r in rows]
    y = np.array([1.0 if t is not None and t == e else 0.0 for t, e in zip(top, expected)])
    # Stratified folds: each expected article (and "out of scope") spread evenly over the folds.
    fold = [0] * len(rows)
    rng = random.Random(SEED)
    for label in sorted({e or "" for e in expected}):
        members = [i for i, e in enumerate(expected) if (e or "") == label]
        rng.shuffle(members)
        for k, i in enumerate(members):
            fold[i] = k % FOLDS
    confidence = np.zeros(len(rows))
    for k in range(FOLDS):
        train = np.array([f != k for f in fold])
        beta = fit(x[train], y[train])
        test = ~train
        confidence[test] = 1 / (1 + np.exp(-(np.hstack([x[test], np.ones((test.sum(), 1))]) @ beta)))
    answerable = sum(1 for e in expected if e)
    out_of_scope = len(rows) - answerable
    pick = None
    print("threshold answered precision coverage out_of_scope_answered")
    for step in range(50, 100):
        t = step / 100
        given = [i for i in range(len(rows)) if top[i] is not None and confidence[i] >= t]
        correct = sum(1 for i in given if y[i])
        oos = sum(1 for i in given if not expected[i])
        precision = correct / len(given) if given else 1.0
        coverage = (len(given) - oos) / answerable
        print(f"{t:.2f} {len(given)} {precision:.3f} {coverage:.3f} {oos / out_of_scope:.3f} ({oos} of {out_of_scope})")
        if pick is None and precision >= 0.95 and oos / out_of_scope <= 0.02 and coverage >= 0.5:
            pick = t
    print(f"lowest threshold for 95% precision, <= 2% out of scope, >= 50% coverage: {pick}")


if __name__ == "__main__":
    main()
