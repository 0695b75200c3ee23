#!/usr/bin/env bash
# Rebuilds public/models/ner/ner.onnx from scratch: data recipe (TS), then training (python/torch)
# in two runs exactly as the committed model was made (see training/README.md).
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-}"
if [ -z "$PY" ]; then
  for cand in python3 /usr/bin/python3; do
    if "$cand" -c 'import torch, onnx' 2>/dev/null; then PY="$cand"; break; fi
  done
fi
[ -n "$PY" ] || { echo "need a python3 with torch and onnx (apt-get install python3-torch python3-onnx)" >&2; exit 1; }
export NER_SEED="${NER_SEED:-1337}" NER_THREADS="${NER_THREADS:-1}" NER_MAX_SECONDS="${NER_MAX_SECONDS:-100000}"
npx tsx training/build-data.ts
# run A: from scratch, 8 epochs, learning rate 2e-3 decaying 0.85 per epoch
NER_EPOCHS="${NER_EPOCHS:-8}" "$PY" training/train.py
# run B: continue from run A's best epoch with a fresh optimiser at the decayed learning rate
mkdir -p training/out
cp public/models/ner/ner.onnx training/out/run-a.onnx
BEST="$("$PY" -c 'import json; print(json.load(open("public/models/ner/ner.json"))["heldoutExactSpanF1"])')"
NER_INIT_ONNX=training/out/run-a.onnx NER_LR=5.5e-4 NER_BEST_F1="$BEST" NER_EPOCHS=5 "$PY" training/train.py
