#!/usr/bin/env bash
# Rebuilds public/models/ner/ner.onnx from scratch: data recipe (TS) then training (python/torch).
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-}"
if [ -z "$PY" ]; then
  for cand in python3 /usr/bin/python3; do
    if "$cand" -c 'import torch, onnx' 2>/dev/null; then PY="$cand"; break; fi
  done
fi
[ -n "$PY" ] || { echo "need a python3 with torch and onnx (apt-get install python3-torch python3-onnx)" >&2; exit 1; }
export NER_SEED="${NER_SEED:-1337}"
npx tsx training/build-data.ts
"$PY" training/train.py
