#!/usr/bin/python3
"""The transformer-fusion model of pipelines/fashion-transformer.yaml in plain PyTorch, trained on
random inputs of the same shapes, as the Python peer of Braid's engine benchmark.

Model (matching Braid's vit-patches + wordpiece projectors, transformer fusion, classification head):
  image (B, 1, S, S) -> Conv2d(1, D, kernel=stride=P): (S/P)^2 patches, prepend [CLS],
                        + position embeddings + image type vector            -> (B, 1 + (S/P)^2, D)
  text ids (B, T)    -> Embedding(V, D) + position embeddings + text type vector -> (B, T, D)
  fusion             -> + a modality-type embedding per modality, concatenate, prepend fusion [CLS],
                        N pre-LN encoder layers (H heads, FFN width F, GELU, dropout), final LayerNorm,
                        pooled = [CLS]                                          -> (B, D)
  head               -> Linear(D, classes)
Training: softmax cross-entropy, AdamW (lr 1e-3, weight decay 0.01, betas 0.9/0.999), gradient
clipping to global norm 1.0. Attention ignores padded text tokens (key padding mask).

Prints one JSON line on stdout: steps/s, parameter count, the analytic FLOPs of one training step,
and the FLOP/s of a large float32 matmul measured with the same threads.

Run with Debian's interpreter, which has python3-torch:
  /usr/bin/python3 bench/torch_fusion.py --steps 20 --vocab 2500
"""

import argparse
import json
import math
import os
import sys
import time

# OpenBLAS must be told before torch loads it; two pools of threads on 2 cores stall each other.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import torch  # noqa: E402
import torch.nn as nn  # noqa: E402
import torch.nn.functional as F  # noqa: E402


class MultiHeadSelfAttention(nn.Module):
    """Scaled dot-product self-attention with separate query, key, value and output projections."""

    def __init__(self, dim, heads, attention_dropout):
        super().__init__()
        self.heads = heads
        self.query = nn.Linear(dim, dim)
        self.key = nn.Linear(dim, dim)
        self.value = nn.Linear(dim, dim)
        self.output = nn.Linear(dim, dim)
        self.dropout = nn.Dropout(attention_dropout)

    def forward(self, x, key_bias):
        """x (B, L, D), key_bias (B, 1, 1, L): 0 for real keys, a large negative number for padding."""
        b, length, dim = x.shape
        split = (b, length, self.heads, dim // self.heads)
        q = self.query(x).view(split).transpose(1, 2)
        k = self.key(x).view(split).transpose(1, 2)
        v = self.value(x).view(split).transpose(1, 2)
        scores = q @ k.transpose(-2, -1) * (1.0 / math.sqrt(dim // self.heads))
        probs = self.dropout(torch.softmax(scores + key_bias, dim=-1))
        merged = (probs @ v).transpose(1, 2).reshape(b, length, dim)
        return self.output(merged)


class EncoderLayer(nn.Module):
    """Pre-LN transformer layer: x + drop(MSA(LN(x))), then x + drop(FFN(LN(x)))."""

    def __init__(self, dim, heads, ffn, dropout, attention_dropout):
        super().__init__()
        self.attention_norm = nn.LayerNorm(dim)
        self.attention = MultiHeadSelfAttention(dim, heads, attention_dropout)
        self.ffn_norm = nn.LayerNorm(dim)
        self.expand = nn.Linear(dim, ffn)
        self.contract = nn.Linear(ffn, dim)
        self.dropout = nn.Dropout(dropout)

    def forward(self, x, key_bias):
        x = x + self.dropout(self.attention(self.attention_norm(x), key_bias))
        hidden = self.dropout(F.gelu(self.expand(self.ffn_norm(x))))
        return x + self.dropout(self.contract(hidden))


class PatchProjector(nn.Module):
    """Image (B, 1, S, S) -> [CLS] + (S/P)^2 patch tokens (B, 1 + (S/P)^2, D), all real."""

    def __init__(self, image_size, patch, dim):
        super().__init__()
        tokens = 1 + (image_size // patch) ** 2
        self.patches = nn.Conv2d(1, dim, kernel_size=patch, stride=patch)
        self.cls = nn.Parameter(torch.randn(1, 1, dim) * 0.02)
        self.positions = nn.Parameter(torch.randn(1, tokens, dim) * 0.02)
        self.type_vector = nn.Parameter(torch.zeros(1, 1, dim))

    def forward(self, image):
        x = self.patches(image).flatten(2).transpose(1, 2)
        x = torch.cat([self.cls.expand(x.shape[0], -1, -1), x], dim=1)
        return x + self.positions + self.type_vector


class TokenProjector(nn.Module):
    """Token ids (B, T) -> embeddings + positions + type vector (B, T, D)."""

    def __init__(self, vocab, length, dim):
        super().__init__()
        self.embedding = nn.Embedding(vocab, dim)
        self.positions = nn.Parameter(torch.randn(1, length, dim) * 0.02)
        self.type_vector = nn.Parameter(torch.zeros(1, 1, dim))

    def forward(self, ids):
        return self.embedding(ids) + self.positions + self.type_vector


class FashionTransformer(nn.Module):
    """Both projectors, the transformer fusion and the linear classification head."""

    def __init__(self, cfg):
        super().__init__()
        dim = cfg.dim
        self.image = PatchProjector(cfg.image_size, cfg.patch, dim)
        self.text = TokenProjector(cfg.vocab, cfg.text_len, dim)
        self.modality_types = nn.Parameter(torch.randn(2, dim) * 0.02)
        self.cls = nn.Parameter(torch.randn(1, 1, dim) * 0.02)
        self.layers = nn.ModuleList(
            EncoderLayer(dim, cfg.heads, cfg.ffn, cfg.dropout, cfg.attention_dropout)
            for _ in range(cfg.layers))
        self.final_norm = nn.LayerNorm(dim)
        self.head = nn.Linear(dim, cfg.classes)

    def forward(self, image, ids, text_mask):
        """image (B, 1, S, S), ids (B, T) int64, text_mask (B, T) 1 = real token -> logits (B, C)."""
        image_tokens = self.image(image) + self.modality_types[0]
        text_tokens = self.text(ids) + self.modality_types[1]
        b = image.shape[0]
        x = torch.cat([self.cls.expand(b, -1, -1), image_tokens, text_tokens], dim=1)
        keep = torch.cat([text_mask.new_ones(b, 1 + image_tokens.shape[1]), text_mask], dim=1)
        key_bias = ((keep.to(x.dtype) - 1.0) * 1e9).view(b, 1, 1, -1)
        for layer in self.layers:
            x = layer(x, key_bias)
        return self.head(self.final_norm(x)[:, 0])


def fused_length(cfg):
    """Tokens the encoder sees: fusion [CLS] + image [CLS] + patches + text tokens."""
    return 1 + 1 + (cfg.image_size // cfg.patch) ** 2 + cfg.text_len


def training_flops(cfg):
    """FLOPs of one training step, counted as 3x the forward matmul FLOPs (2 per multiply-add).

    Counts the patch convolution, the attention projections, Q K^T, the attention-weighted sum,
    the feed-forward network and the head; embeddings, norms, softmax and the optimizer are left out.
    """
    b, d, length = cfg.batch, cfg.dim, fused_length(cfg)
    patches = (cfg.image_size // cfg.patch) ** 2
    conv = 2 * b * patches * cfg.patch * cfg.patch * d
    projections = 4 * 2 * b * length * d * d
    scores = 2 * b * length * length * d
    weighted = 2 * b * length * length * d
    ffn = 2 * 2 * b * length * d * cfg.ffn
    head = 2 * b * d * cfg.classes
    forward = conv + cfg.layers * (projections + scores + weighted + ffn) + head
    return 3 * forward


def parameter_count(cfg):
    """Closed-form parameter count of FashionTransformer, to compare with Braid's model."""
    d, f = cfg.dim, cfg.ffn
    tokens = 1 + (cfg.image_size // cfg.patch) ** 2
    image = cfg.patch * cfg.patch * d + d + d + tokens * d + d
    text = cfg.vocab * d + cfg.text_len * d + d
    fusion = 2 * d + d
    layer = 2 * 2 * d + 4 * (d * d + d) + (d * f + f) + (f * d + d)
    return image + text + fusion + cfg.layers * layer + 2 * d + d * cfg.classes + cfg.classes


def random_batch(cfg, generator):
    """Inputs of the benchmark's shapes; each text has round(valid_fraction * T) real tokens (>= 1)."""
    image = torch.rand(cfg.batch, 1, cfg.image_size, cfg.image_size, generator=generator)
    ids = torch.randint(1, cfg.vocab, (cfg.batch, cfg.text_len), generator=generator)
    real = max(1, min(cfg.text_len, round(cfg.valid_fraction * cfg.text_len)))
    mask = torch.zeros(cfg.batch, cfg.text_len, dtype=torch.int64)
    mask[:, :real] = 1
    ids = ids * mask
    labels = torch.randint(0, cfg.classes, (cfg.batch,), generator=generator)
    return image, ids, mask, labels


def matmul_flops(size, reps):
    """FLOP/s of a (size x size) @ (size x size) float32 matmul, best of reps after one warm-up."""
    a = torch.rand(size, size)
    b = torch.rand(size, size)
    torch.mm(a, b)
    best = float("inf")
    for _ in range(reps):
        started = time.perf_counter()
        torch.mm(a, b)
        best = min(best, time.perf_counter() - started)
    return 2.0 * size ** 3 / best


def train(cfg):
    torch.manual_seed(cfg.seed)
    generator = torch.Generator().manual_seed(cfg.seed)
    model = FashionTransformer(cfg)
    model.train()
    optimizer = torch.optim.AdamW(model.parameters(), lr=cfg.lr, betas=(0.9, 0.999),
                                  weight_decay=cfg.weight_decay)
    # A small pool of batches, cycled, as the Java side does.
    pool = [random_batch(cfg, generator) for _ in range(cfg.pool)]
    losses = []

    def step(i):
        image, ids, mask, labels = pool[i % len(pool)]
        optimizer.zero_grad(set_to_none=True)
        loss = F.cross_entropy(model(image, ids, mask), labels)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), cfg.clip)
        optimizer.step()
        losses.append(loss.item())

    for i in range(cfg.warmup):
        step(i)
    started = time.perf_counter()
    for i in range(cfg.steps):
        step(cfg.warmup + i)
    seconds = time.perf_counter() - started
    params = sum(p.numel() for p in model.parameters())
    return seconds, params, losses


def self_test(cfg):
    """Checks the model and the FLOP count on a small batch; raises AssertionError on a failure."""
    torch.manual_seed(cfg.seed)
    generator = torch.Generator().manual_seed(cfg.seed)
    model = FashionTransformer(cfg).eval()
    image, ids, mask, labels = random_batch(cfg, generator)
    params = sum(p.numel() for p in model.parameters())
    assert params == parameter_count(cfg), (params, parameter_count(cfg))

    # The profiler's own count of the forward's convolution and matmul FLOPs.
    with torch.profiler.profile(with_flops=True) as prof, torch.no_grad():
        logits = model(image, ids, mask)
    counted = sum(e.flops for e in prof.events()
                  if e.flops and e.name in ("aten::conv2d", "aten::addmm", "aten::mm", "aten::bmm"))
    assert 3 * counted == training_flops(cfg), (3 * counted, training_flops(cfg))
    assert logits.shape == (cfg.batch, cfg.classes), logits.shape

    with torch.no_grad():
        padded = ids.masked_fill(mask == 0, cfg.vocab - 1)
        assert torch.allclose(model(image, padded, mask), logits, atol=1e-5), \
            "padded tokens changed the logits"
        changed = ids.clone()
        changed[:, 0] = (changed[:, 0] % (cfg.vocab - 1)) + 1
        assert not torch.allclose(model(image, changed, mask), logits, atol=1e-5), \
            "a real token did not change the logits"

    model.train()
    optimizer = torch.optim.AdamW(model.parameters(), lr=cfg.lr, weight_decay=cfg.weight_decay)
    losses = []
    for _ in range(30):
        optimizer.zero_grad(set_to_none=True)
        loss = F.cross_entropy(model(image, ids, mask), labels)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), cfg.clip)
        optimizer.step()
        losses.append(loss.item())
    assert losses[-1] < 0.5 * losses[0], f"training did not fit one batch: {losses}"
    return params


def parse(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--steps", type=int, default=200, help="timed training steps (default 200)")
    p.add_argument("--warmup", type=int, default=20, help="untimed steps first (default 20)")
    p.add_argument("--batch", type=int, default=64, help="samples per step (default 64)")
    p.add_argument("--threads", type=int, default=2, help="intra-op threads (default 2)")
    p.add_argument("--vocab", type=int, default=2500, help="text vocabulary size V (default 2500)")
    p.add_argument("--text-len", type=int, default=32, help="text tokens T (default 32)")
    p.add_argument("--valid-fraction", type=float, default=0.5,
                   help="share of real (unpadded) text tokens (default 0.5)")
    p.add_argument("--image-size", type=int, default=28, help="image side S (default 28)")
    p.add_argument("--patch", type=int, default=7, help="patch side P (default 7)")
    p.add_argument("--dim", type=int, default=64, help="model width D (default 64)")
    p.add_argument("--layers", type=int, default=2, help="encoder layers (default 2)")
    p.add_argument("--heads", type=int, default=4, help="attention heads (default 4)")
    p.add_argument("--ffn", type=int, default=256, help="feed-forward width (default 256)")
    p.add_argument("--dropout", type=float, default=0.1, help="dropout (default 0.1)")
    p.add_argument("--attention-dropout", type=float, default=0.0,
                   help="dropout on attention probabilities (default 0, as Braid's)")
    p.add_argument("--classes", type=int, default=10, help="classes (default 10)")
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--weight-decay", type=float, default=0.01)
    p.add_argument("--clip", type=float, default=1.0, help="global gradient norm (default 1.0)")
    p.add_argument("--pool", type=int, default=8, help="distinct batches cycled (default 8)")
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--matmul-size", type=int, default=2048, help="square matmul side (default 2048)")
    p.add_argument("--matmul-reps", type=int, default=5, help="timed matmuls (default 5)")
    p.add_argument("--self-test", action="store_true",
                   help="check the model (parameter count, FLOPs against torch's profiler, padding"
                        " mask, fitting one batch) on a small batch instead of timing it")
    cfg = p.parse_args(argv)
    if cfg.image_size % cfg.patch != 0:
        p.error(f"--patch {cfg.patch} must divide --image-size {cfg.image_size}")
    if cfg.dim % cfg.heads != 0:
        p.error(f"--heads {cfg.heads} must divide --dim {cfg.dim}")
    for name in ("steps", "batch", "threads", "vocab", "text_len", "pool", "matmul_size",
                 "matmul_reps"):
        if getattr(cfg, name) < 1:
            p.error(f"--{name.replace('_', '-')} must be at least 1")
    if cfg.warmup < 0:
        p.error("--warmup must be at least 0")
    return cfg


def main(argv):
    cfg = parse(argv)
    torch.set_num_threads(cfg.threads)
    torch.set_num_interop_threads(1)
    if cfg.self_test:
        params = self_test(cfg)
        print(f"self-test: ok ({params} parameters, batch {cfg.batch}, vocabulary {cfg.vocab})")
        return
    seconds, params, losses = train(cfg)
    flops = training_flops(cfg)
    steps_per_s = cfg.steps / seconds
    matmul = matmul_flops(cfg.matmul_size, cfg.matmul_reps)
    print(json.dumps({
        "side": "torch",
        "torch": torch.__version__,
        "threads": torch.get_num_threads(),
        "batch": cfg.batch,
        "steps": cfg.steps,
        "warmup": cfg.warmup,
        "steps_per_s": steps_per_s,
        "ms_per_step": 1000.0 / steps_per_s,
        "params": params,
        "vocab": cfg.vocab,
        "sequence": [cfg.batch, fused_length(cfg), cfg.dim],
        "valid_fraction": cfg.valid_fraction,
        "flops_per_step": flops,
        "achieved_flop_s": flops * steps_per_s,
        "matmul_size": cfg.matmul_size,
        "matmul_flop_s": matmul,
        "loss_first": losses[0],
        "loss_last": losses[-1],
    }))


if __name__ == "__main__":
    main(sys.argv[1:])
