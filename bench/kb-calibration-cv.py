#!/usr/bin/env python3
"""Cross-validated threshold choice for the KB confidence, on the validation split only.

`kb eval` on `calibration.csv` itself scores the calibration on the queries it was fitted on
(optimistic). This script refits the same calibration as `KBCalibration.fit` in 10 stratified folds
and scores each fold with the model fitted on the other nine, then sweeps the threshold and prints
the rule's pick: the lowest threshold with precision >= 95%, out of scope answered <= 2%,
coverage >= 50%.

The fit has two stages (Newton's method, L2 0.01 on the weights): a logistic regression on five
features of the top result, then, with its score as a fixed offset, one penalty weight (no bias,
clamped to take confidence away only) on max(0, out_of_scope_match - floor). With `--floors` it
prints the cross-validated log loss for a range of floors (how `outOfScopeFloor` was chosen).

Usage:
  maildesk kb eval --kb fixtures/kb-eval/kb --queries fixtures/kb-eval/kb/calibration.csv \\
      --details /tmp/val.jsonl
  bench/kb-calibration-cv.py /tmp/val.jsonl [--floor 0.4] [--floors]

The features come from the whole query's ranking (`--details` candidates; `kb eval` compares each
query with the out-of-scope examples other than itself), not from the per-sentence search of
`kb eval`; for the one-sentence Bitext queries they are the same.
"""
import argparse
import json
import random

import numpy as np

FOLDS = 10
SEED = 20261201


def features(row):
    c = row["candidates"]
    if not c:
        return [0.0] * 6, None
    top = c[0]
    f = lambda x, k: float(x.get(k, 0))
    second = f(c[1], "score") if len(c) > 1 else 0.0
    return [f(top, "score"), f(top, "score") - second, f(top, "phrasing_match"),
            f(top, "category_agreement"), f(top, "coverage"), f(top, "out_of_scope_match")], top["id"]


def newton(rows, offsets, y, bias, l2=0.01, iterations=50):
    beta = np.zeros(rows.shape[1])
    penalty = np.eye(rows.shape[1]) * l2
    if bias:
        penalty[-1, -1] = 0
    for _ in range(iterations):
        p = 1 / (1 + np.exp(-(rows @ beta + offsets)))
        gradient = rows.T @ (y - p) - penalty @ beta
        hessian = (rows * np.maximum(p * (1 - p), 1e-9)[:, None]).T @ rows + penalty
        step = np.linalg.solve(hessian, gradient)
        beta += step
        if np.abs(step).max() < 1e-8:
            break
    return beta


class Model:
    def __init__(self, x, y, floor):
        self.floor = floor
        self.beta = newton(self.base(x), np.zeros(len(x)), y, bias=True)
        g = self.gap(x)
        self.penalty = max(0.0, -newton(g, self.base(x) @ self.beta, y, bias=False)[0]) if g.any() else 0.0

    def base(self, x):
        return np.hstack([x[:, :5], np.ones((len(x), 1))])

    def gap(self, x):
        return np.maximum(0, x[:, 5:6] - self.floor)

    def confidence(self, x):
        return 1 / (1 + np.exp(-(self.base(x) @ self.beta - self.penalty * self.gap(x)[:, 0])))


def cross_validated(x, y, expected, floor):
    fold = [0] * len(expected)
    rng = random.Random(SEED)
    for label in sorted({e or "" for e in expected}):
        members = [i for i, e in enumerate(expected) if (e or "") == label]
        rng.shuffle(members)
        for k, i in enumerate(members):
            fold[i] = k % FOLDS
    fold = np.array(fold)
    confidence = np.zeros(len(expected))
    for k in range(FOLDS):
        train = fold != k
        confidence[~train] = Model(x[train], y[train], floor).confidence(x[~train])
    return confidence


def log_loss(p, y):
    p = np.clip(p, 1e-12, 1 - 1e-12)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("details")
    ap.add_argument("--floor", type=float, default=0.4)
    ap.add_argument("--floors", action="store_true")
    args = ap.parse_args()
    rows = [json.loads(line) for line in open(args.details, encoding="utf-8")]
    pairs = [features(r) for r in rows]
    x = np.array([p[0] for p in pairs])
    top = [p[1] for p in pairs]
    expected = [r.get("expected") for r in rows]
    y = np.array([1.0 if t is not None and t == e else 0.0 for t, e in zip(top, expected)])
    if args.floors:
        print("floor cross-validated_log_loss")
        for floor in [0.0, 0.1, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.8, 1.0]:
            print(f"{floor:.2f} {log_loss(cross_validated(x, y, expected, floor), y):.4f}")
        print("(1.00: no penalty)")
    confidence = cross_validated(x, y, expected, args.floor)
    print(f"floor {args.floor}: cross-validated log loss {log_loss(confidence, y):.4f}")
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
