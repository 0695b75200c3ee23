"""Train the embedded NER tagger (PERSON/LOCATION/ORGANIZATION) and export it to ONNX.

Input: training/out/data.json written by training/build-data.ts (features computed by the same
TypeScript code the app runs). Model: hashed word embedding + summed hashed char n-gram
embeddings + shape embedding -> dilated residual CNN -> linear BIO tagger. Fixed seed.
Output: public/models/ner/ner.onnx and public/models/ner/ner.json.
"""
import json, os, random, sys, time
import torch
import torch.nn as nn

SEED = int(os.environ.get("NER_SEED", "1337"))
MAX_SECONDS = float(os.environ.get("NER_MAX_SECONDS", "720"))
EPOCHS = int(os.environ.get("NER_EPOCHS", "14"))
# NER_EXPORT=last: export only after the last epoch (the final model trained on 100% of the dev files)
LAST_ONLY = os.environ.get("NER_EXPORT") == "last"
# NER_AVG=k: with NER_EXPORT=last, export the mean of the weights of the last k epochs
AVG = int(os.environ.get("NER_AVG", "0"))
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.environ.get("NER_OUT") or os.path.join(HERE, "..", "public", "models", "ner")
WORD_BUCKETS, CHAR_BUCKETS, SHAPES = 20000, 8192, 80  # shapes: 16 x 5 gazetteer classes
# hashed character n-grams per token (CHAR_SLOTS in src/core/pii/ner/features.ts); read from the data
CHAR_SLOTS = 16
# dilations of the residual conv layers: 1,2,4,8 gives a receptive field of 31 tokens (1,2,4 and
# 15 tokens until 2026-12: a speaker label or a signature line is often further than 7 tokens away)
DILATIONS = [int(d) for d in os.environ.get("NER_DILATIONS", "1,2,4,8").split(",")]
# gazetteer-feature dropout: the share of tokens whose gazetteer class is hidden in each batch
GAZ_DROP = float(os.environ.get("NER_GAZ_DROP", "0.3"))

random.seed(SEED)
torch.manual_seed(SEED)
torch.set_num_threads(int(os.environ.get("NER_THREADS", "1")))


ARCH = os.environ.get("NER_ARCH", "cnn")
MASK_DROPPED = os.environ.get("NER_MASK_DROPPED", "0") == "1"
LSTM_HIDDEN = int(os.environ.get("NER_LSTM", "96"))
# word and char-n-gram embedding width, conv width: 64 and 160 since 2026-11-22 (48 and 128
# before; the wider model was steadier across seeds, training/README.md)
DIM = int(os.environ.get("NER_DIM", "64"))
HIDDEN = int(os.environ.get("NER_HIDDEN", "160"))


class Tagger(nn.Module):
    """Hashed embeddings -> 3 dilated residual conv layers (receptive field 15 tokens)
    [-> BiLSTM over the whole chunk when ARCH is cnn_bilstm] -> BIO logits."""

    def __init__(self, n_labels, wd=DIM, cd=DIM, sd=8, hidden=HIDDEN):
        super().__init__()
        self.wemb = nn.Embedding(WORD_BUCKETS + 1, wd, padding_idx=0)
        self.cemb = nn.Embedding(CHAR_BUCKETS + 1, cd, padding_idx=0)
        self.semb = nn.Embedding(SHAPES, sd)
        self.drop = nn.Dropout(0.25)
        self.inp = nn.Linear(wd + cd + sd, hidden)
        self.convs = nn.ModuleList([nn.Conv1d(hidden, hidden, 3, padding=d, dilation=d) for d in DILATIONS])
        self.lstm = nn.LSTM(hidden, LSTM_HIDDEN, batch_first=True, bidirectional=True) if ARCH == "cnn_bilstm" else None
        self.out = nn.Linear(2 * LSTM_HIDDEN + hidden if self.lstm is not None else hidden, n_labels)

    def encode(self, w, c, s, mask=None):
        # mask: [B, 1, T] 1.0 on real tokens (padding is zeroed so convs never see it, as at run time)
        x = torch.cat([self.wemb(w), self.cemb(c).sum(dim=2), self.semb(s)], dim=-1)
        h = torch.relu(self.inp(self.drop(x))).transpose(1, 2)
        if mask is not None:
            h = h * mask
        for conv in self.convs:
            h = h + torch.relu(conv(self.drop(h)))
            if mask is not None:
                h = h * mask
        return h.transpose(1, 2)

    def forward(self, w, c, s):
        # export / single sequence: no padding
        h = self.encode(w, c, s)
        if self.lstm is not None:
            r, _ = self.lstm(self.drop(h))
            h = torch.cat([h, r], dim=-1)
        return self.out(self.drop(h))

    def forward_packed(self, w, c, s, lengths):
        mask = (torch.arange(w.shape[1]).unsqueeze(0) < lengths.unsqueeze(1)).unsqueeze(1).float()
        if MASK_DROPPED and self.training:
            # as in the first model: a word-dropped token also gets no conv context (stronger noise)
            mask = mask * (w > 0).unsqueeze(1).float()
        h = self.encode(w, c, s, mask)
        if self.lstm is not None:
            packed = nn.utils.rnn.pack_padded_sequence(self.drop(h), lengths, batch_first=True, enforce_sorted=False)
            r, _ = self.lstm(packed)
            r, _ = nn.utils.rnn.pad_packed_sequence(r, batch_first=True, total_length=h.shape[1])
            h = torch.cat([h, r], dim=-1)
        return self.out(self.drop(h))


def batchify(recs, word_dropout=0.0):
    T = max(len(r["w"]) for r in recs)
    B = len(recs)
    w = torch.zeros(B, T, dtype=torch.long)
    c = torch.zeros(B, T, CHAR_SLOTS, dtype=torch.long)
    s = torch.zeros(B, T, dtype=torch.long)
    y = torch.full((B, T), -100, dtype=torch.long)
    lens = []
    for i, r in enumerate(recs):
        n = len(r["w"])
        lens.append(n)
        ww = torch.tensor(r["w"])
        ss = torch.tensor(r["s"])
        if word_dropout:
            ww = ww.masked_fill(torch.rand(n) < word_dropout, 0)
            # gazetteer dropout: hide the gazetteer class (shape id // 16) for GAZ_DROP of tokens
            ss = torch.where(torch.rand(n) < GAZ_DROP, ss % 16, ss)
        w[i, :n] = ww
        c[i, :n] = torch.tensor(r["c"])
        s[i, :n] = ss
        y[i, :n] = torch.tensor(r["y"])
    return w, c, s, y, torch.tensor(lens)


def spans(tags, labels):
    out, cur = set(), None
    for i, t in enumerate(list(tags) + [0]):
        lab = labels[t]
        if cur and not (lab.startswith("I-") and lab[2:] == cur[0]):
            out.add((cur[0], cur[1], i)); cur = None
        if lab != "O" and cur is None:
            cur = (lab[2:], i)
    return out


def evaluate(model, recs, labels):
    model.eval()
    tp = fp = fn = 0
    per = {}
    with torch.no_grad():
        for k in range(0, len(recs), 128):
            chunk = recs[k:k + 128]
            w, c, s, y, lens = batchify(chunk)
            pred = model.forward_packed(w, c, s, lens).argmax(-1)
            for i, r in enumerate(chunk):
                n = len(r["w"])
                g, p = spans(r["y"], labels), spans(pred[i, :n].tolist(), labels)
                tp += len(g & p); fp += len(p - g); fn += len(g - p)
                for t in ("PER", "LOC", "ORG"):
                    gt = {x for x in g if x[0] == t}; pt = {x for x in p if x[0] == t}
                    c = per.setdefault(t, [0, 0, 0])
                    c[0] += len(gt & pt); c[1] += len(pt - gt); c[2] += len(gt - pt)
    model.train()
    print("  " + " ".join(f"{t} F1 {2 * c[0] / max(2 * c[0] + c[1] + c[2], 1):.3f}" for t, c in per.items()), flush=True)
    prec = tp / max(tp + fp, 1); rec = tp / max(tp + fn, 1)
    return 2 * prec * rec / max(prec + rec, 1e-9), prec, rec


def main():
    t0 = time.time()
    data = json.load(open(os.environ.get("NER_DATA") or os.path.join(HERE, "out", "data.json")))
    labels, train, held = data["labels"], data["train"], data["heldout"]
    global CHAR_SLOTS
    CHAR_SLOTS = len(train[0]["c"][0])
    model = Tagger(len(labels))
    lr = float(os.environ.get("NER_LR", "2e-3"))
    init = os.environ.get("NER_INIT_ONNX")
    if init:
        # continue training from a previously exported model (same architecture)
        import onnx
        from onnx import numpy_helper
        weights = {i.name: torch.from_numpy(numpy_helper.to_array(i).copy()) for i in onnx.load(init).graph.initializer}
        state = model.state_dict()
        loaded = {k: weights[k] for k in state if k in weights and weights[k].shape == state[k].shape}
        # linear layers are exported as MatMul with transposed, renamed weights: match them by shape
        for k in state:
            if k not in loaded:
                cands = [w.t() for n, w in weights.items() if n.startswith("onnx::MatMul") and w.dim() == 2 and w.t().shape == state[k].shape]
                if len(cands) == 1:
                    loaded[k] = cands[0].contiguous()
        model.load_state_dict(loaded, strict=False)
        print(f"initialised {len(loaded)}/{len(state)} tensors from {init}", flush=True)
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    # class weighting: ORG is the rarest and weakest label; NER_ORG_WEIGHT scales B-ORG/I-ORG
    # NER_ENT_WEIGHT scales every entity label (recall over precision: a missed name leaves the device)
    cw = torch.ones(len(labels))
    for i, l in enumerate(labels):
        if l != "O":
            cw[i] = float(os.environ.get("NER_ENT_WEIGHT", "2"))
        if l.endswith("ORG"):
            cw[i] *= float(os.environ.get("NER_ORG_WEIGHT", "1.5"))
    lossf = nn.CrossEntropyLoss(ignore_index=-100, weight=cw)
    best, best_state = float(os.environ.get("NER_BEST_F1", "-1")), None
    train.sort(key=lambda r: len(r["w"]))
    batches = [train[i:i + 32] for i in range(0, len(train), 32)]
    avg_state, n_avg = None, 0
    for epoch in range(EPOCHS):
        random.shuffle(batches)
        total = 0.0
        for b in batches:
            w, c, s, y, lens = batchify(b, word_dropout=0.1)
            logits = model.forward_packed(w, c, s, lens)
            loss = lossf(logits.reshape(-1, logits.shape[-1]), y.reshape(-1))
            opt.zero_grad(); loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), 5.0)
            opt.step(); total += loss.item()
        f1, p, r = evaluate(model, held, labels)
        print(f"epoch {epoch} loss {total / len(batches):.4f} heldout span F1 {f1:.3f} P {p:.3f} R {r:.3f} t={time.time() - t0:.0f}s", flush=True)
        if AVG and epoch >= EPOCHS - AVG:
            # running mean of the weights of the last AVG epochs (checkpoint averaging: less variance)
            n_avg += 1
            cur = model.state_dict()
            avg_state = {k: v.clone().float() for k, v in cur.items()} if avg_state is None else {
                k: avg_state[k] + (cur[k].float() - avg_state[k]) / n_avg for k in cur}
        if LAST_ONLY:
            # fixed epoch count, no selection on the held-out split
            if epoch == EPOCHS - 1:
                if avg_state is not None:
                    model.load_state_dict(avg_state)
                    f1, p, r = evaluate(model, held, labels)
                    print(f"averaged last {n_avg} epochs: heldout span F1 {f1:.3f} P {p:.3f} R {r:.3f}", flush=True)
                export(model, labels, f1, t0, len(train), epoch, data.get("gazetteer"))
        elif f1 > best:
            best, best_state = f1, {k: v.clone() for k, v in model.state_dict().items()}
            export(model, labels, best, t0, len(train), epoch, data.get("gazetteer"))
        for g in opt.param_groups:
            g["lr"] *= 0.85
        if time.time() - t0 > MAX_SECONDS:
            break
    print(f"best heldout span F1 {best:.3f}; total {time.time() - t0:.0f}s", flush=True)


def export(model, labels, best, t0, n_train, epoch, gazetteer):
    was_training = model.training
    model.eval()
    os.makedirs(OUT, exist_ok=True)
    T = 7
    dummy = (torch.ones(1, T, dtype=torch.long), torch.ones(1, T, CHAR_SLOTS, dtype=torch.long), torch.ones(1, T, dtype=torch.long))
    path = os.path.join(OUT, "ner.onnx")
    torch.onnx.export(model, dummy, path, input_names=["words", "chars", "shapes"], output_names=["logits"],
                      dynamic_axes={"words": {1: "T"}, "chars": {1: "T"}, "shapes": {1: "T"}, "logits": {1: "T"}},
                      opset_version=13)
    all_dev = os.environ.get("NER_ALL") == "1"
    meta = {"labels": labels, "wordBuckets": WORD_BUCKETS, "charBuckets": CHAR_BUCKETS, "charSlots": CHAR_SLOTS,
            "seed": SEED, "epoch": epoch,
            # with NER_ALL=1 the 30% split was trained on: its score is then not a held-out estimate
            ("scoreOnTrainedSplit30" if all_dev else "heldoutExactSpanF1"): round(best, 4),
            "trainingSeconds": round(time.time() - t0),
            "trainRecords": n_train, "torch": torch.__version__,
            # NER_ALL=1 (set by train.sh for the shipped model): the held-out 30% was trained on too,
            # so heldoutExactSpanF1 is then not an estimate (see docs/benchmarks.md for the 70% model's)
            "trainedOnAllDevFiles": all_dev,
            "recipe": os.environ.get("NER_RECIPE", "training/train.sh"),
            "architecture": f"hashed word+char-ngram ({model.wemb.embedding_dim})+shape embeddings, "
            f"{len(DILATIONS)} dilated residual Conv1d ({model.inp.out_features}, dilations {DILATIONS})"
            + (f", BiLSTM ({LSTM_HIDDEN} per direction)" if ARCH == "cnn_bilstm" else "") + ", linear BIO",
            "parameters": sum(p.numel() for p in model.parameters()),
            # the gazetteer table the features were computed with (gazetteerFingerprint() in
            # src/core/pii/ner/gazetteer.ts); a test compares it with the committed table
            "gazetteerFingerprint": gazetteer}
    json.dump(meta, open(os.path.join(OUT, "ner.json"), "w"), indent=2)
    print(json.dumps(meta), "size", os.path.getsize(path), flush=True)
    if was_training:
        model.train()


if __name__ == "__main__":
    main()
