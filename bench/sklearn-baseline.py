#!/usr/bin/env python3
"""Baseline for `maildesk classify eval`: scikit-learn TF-IDF (word uni+bigrams) + LinearSVC.

Usage: bench/sklearn-baseline.py TRAIN.csv TEST.csv [--text-column C] [--label-column L]
Prints the same JSON keys as `maildesk classify eval --json`.
"""
import argparse
import csv
import json
import sys
import time

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import accuracy_score, f1_score
from sklearn.pipeline import make_pipeline
from sklearn.svm import LinearSVC


def read(path, text_column, label_column):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    if rows and (text_column not in rows[0] or label_column not in rows[0]):
        sys.exit(f"{path}: no column {text_column!r} or {label_column!r}")
    rows = [r for r in rows if r[label_column].strip()]
    return [r[text_column] for r in rows], [r[label_column].strip() for r in rows]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("train")
    parser.add_argument("test")
    parser.add_argument("--text-column", default="utterance")
    parser.add_argument("--label-column", default="category")
    args = parser.parse_args()
    x_train, y_train = read(args.train, args.text_column, args.label_column)
    x_test, y_test = read(args.test, args.text_column, args.label_column)
    model = make_pipeline(TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True), LinearSVC())
    start = time.perf_counter()
    model.fit(x_train, y_train)
    train_seconds = time.perf_counter() - start
    start = time.perf_counter()
    predicted = model.predict(x_test)
    predict_seconds = time.perf_counter() - start
    print(json.dumps({
        "model": "sklearn_tfidf_linearsvc",
        "accuracy": accuracy_score(y_test, predicted),
        "macro_f1": f1_score(y_test, predicted, average="macro"),
        "train_seconds": round(train_seconds, 4),
        "predict_seconds": round(predict_seconds, 4),
        "n_train": len(y_train),
        "n_test": len(y_test),
    }))


if __name__ == "__main__":
    main()
