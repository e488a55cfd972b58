#!/usr/bin/python3
"""Trains several of the peer's FC beta-VAEs at once on one device and scores each with
torch_betavae_score.py's metric as training goes on, to learn how many steps the paper's model
needs to reach issue 4's targets and which optimiser gets there first. It answers what 2 CPU
cores cannot: the benchmark's hour trains 5,000 steps where the paper's regime is 300,000.

Each --run is BETA:OPTIMIZER:LR:SEED (default: the pipeline's Adam 1e-3, the reference code's
Adam 1e-4 and the paper's Adagrad 1e-2, each for beta 4 and beta 1, and Adam 3e-3 for beta 4).
A run is FcVAE() initialised under torch.manual_seed(SEED) (restarted as DJL starts Braid's
blocks unless --init pytorch) and fed the batches that
torch_betavae_score.py --seed SEED draws, so a run here is that script's run, batched: the
models' Linear layers are stacked and evaluated with one batched matrix product per layer,
while each model keeps its own parameters, optimiser state and loss. All runs are scored on the
same metric points (--metric-seed), with the full protocol (10,000 training and 5,000 evaluation
points, L = 64) by default.

Progress goes to stderr; stdout gets one JSON line per run and scoring.

  python3 bench/torch_betavae_sweep.py --self-test
  python3 bench/torch_betavae_sweep.py --device cuda --score-at 5000,20000,100000,300000
"""

import argparse
import hashlib
import json
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

from torch_betavae import LATENT, FcVAE, beta_vae_loss, init_as_djl, optimizer_for
from torch_betavae_score import (BATCH, ENCODE_CHUNK, FACTOR_SIZES, chunked_encoder, classify,
                                 metric_points, random_factors, render)

DEFAULT_RUNS = ("4:adam:1e-3:1", "4:adam:1e-3:2", "4:adam:1e-3:3",
                "1:adam:1e-3:1", "1:adam:1e-3:2",
                "4:adagrad:1e-2:1", "1:adagrad:1e-2:1",
                "4:adam:1e-4:1", "1:adam:1e-4:1",
                "4:adam:3e-3:1")
# SHA-256 of every 37th image's pixels; plugin-betavae's DSpritesRendererTest pins the same.
RENDER_DIGEST = "829dd8054fd3e416a52477b257aed4a3a45e075a7877d1a7f41c7dca1b1b1fb6"
DRAWN_AHEAD = 250  # steps of factor indices drawn on the host and copied to the device at once


class Run:
    """One configuration: beta, optimiser, learning rate and seed."""

    def __init__(self, text):
        try:
            beta, optimizer, lr, seed = text.split(":")
            self.beta, self.optimizer = float(beta), optimizer
            self.lr, self.seed = float(lr), int(seed)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected BETA:OPTIMIZER:LR:SEED, got '{text}'")
        if self.optimizer not in ("adam", "adagrad") or self.beta < 0 or self.lr <= 0:
            raise argparse.ArgumentTypeError(
                f"'{text}': OPTIMIZER is adam or adagrad, BETA at least 0, LR above 0")

    def __str__(self):
        return f"beta {self.beta:g} {self.optimizer} {self.lr:g} seed {self.seed}"


def stacked(sequentials, x):
    """Runs K nn.Sequentials of the same layout as one: x (K, B, ...) -> (K, B, out)."""
    for layers in zip(*sequentials):
        first = layers[0]
        if isinstance(first, nn.Linear):
            weight = torch.stack([layer.weight for layer in layers])  # (K, out, in)
            bias = torch.stack([layer.bias for layer in layers]).unsqueeze(1)  # (K, 1, out)
            x = torch.baddbmm(bias, x, weight.transpose(1, 2))
        elif isinstance(first, nn.Flatten):
            x = x.flatten(2)
        else:  # the activations, elementwise
            x = first(x)
    return x


def fc_vae(seed, init):
    """FcVAE() drawn under torch.manual_seed(seed), then restarted as DJL does if init is djl."""
    torch.manual_seed(seed)
    model = FcVAE()
    return init_as_djl(model) if init == "djl" else model


class StackedVAEs(nn.Module):
    """K FcVAEs, each initialised under its own seed, evaluated together."""

    def __init__(self, seeds, init):
        super().__init__()
        self.models = nn.ModuleList([fc_vae(seed, init) for seed in seeds])

    def encode(self, x):
        """x (K, B, 1, 64, 64) -> mu (K, B, 10), logvar (K, B, 10)."""
        return stacked([m.encoder for m in self.models], x).chunk(2, dim=2)

    def forward(self, x, noise=None):
        """x (K, B, 1, 64, 64) -> logits (K, B, 4096), mu and logvar (K, B, 10)."""
        mu, logvar = self.encode(x)
        noise = torch.randn_like(mu) if noise is None else noise
        return stacked([m.decoder for m in self.models], mu + noise * torch.exp(0.5 * logvar)), \
            mu, logvar


def losses(logits, x, mu, logvar, betas):
    """Each model's beta_vae_loss: logits (K, B, 4096), x (K, B, 1, 64, 64) -> (K,)."""
    nll = F.binary_cross_entropy_with_logits(logits, x.flatten(2), reduction="none").sum((1, 2))
    kl = 0.5 * (mu * mu + torch.exp(logvar) - logvar - 1.0).sum((1, 2))
    return (nll + betas * kl) / x.shape[1]


def optimizers(model, runs):
    """One optimiser per run, each over its own model's parameters."""
    return [optimizer_for(m, run.optimizer, run.lr) for m, run in zip(model.models, runs)]


class Batches:
    """Each run's batches of factor indices, drawn from its own generator as
    torch_betavae_score.py draws them, DRAWN_AHEAD steps at a time."""

    def __init__(self, runs, device):
        self.generators = [torch.Generator().manual_seed(run.seed) for run in runs]
        self.device = device
        self.ahead = []

    def next(self):
        """(K, 64, 1, 64, 64) sprites, one batch per run."""
        if not self.ahead:
            drawn = torch.stack([torch.stack([random_factors(BATCH, g) for g in self.generators])
                                 for _ in range(DRAWN_AHEAD)]).to(self.device)
            self.ahead = list(drawn.unbind(0))[::-1]
        factors = self.ahead.pop()
        return render(factors.reshape(-1, 5)).view(factors.shape[0], BATCH, 1, 64, 64)


def scores(model, runs, device, train_points, eval_points, seed):
    """Every run's metric accuracy and recall per factor, on one shared set of metric points."""
    count = len(runs)

    def codes(x):
        """x (m, 1, 64, 64) -> every run's means side by side, (m, K * 10)."""
        mu, _ = model.encode(x.unsqueeze(0).expand(count, *x.shape))
        return mu.permute(1, 0, 2).reshape(x.shape[0], count * LATENT)

    encode_all = chunked_encoder(codes, device)
    generator = torch.Generator().manual_seed(seed)
    train_x, train_y = metric_points(encode_all, train_points, generator)
    eval_x, eval_y = metric_points(encode_all, eval_points, generator)
    columns = [slice(k * LATENT, (k + 1) * LATENT) for k in range(count)]
    return [classify(train_x[:, c], train_y, eval_x[:, c], eval_y) for c in columns]


def check_renderer():
    """render() gives every 37th image of dSprites' ordering the pixels Braid's renderer gives."""
    index = torch.arange(0, 737_280, 37)
    factors = []
    for size in reversed(FACTOR_SIZES):
        factors.append(index % size)
        index = index // size
    digest = hashlib.sha256()
    for chunk in torch.stack(factors[::-1], dim=1).split(ENCODE_CHUNK):
        digest.update(render(chunk).to(torch.uint8).numpy().tobytes())
    assert digest.hexdigest() == RENDER_DIGEST, digest.hexdigest()


def self_test():
    """The peer draws Braid's sprites; the batched models give each run's own loss and
    gradients, and each optimiser steps only its own run's model."""
    check_renderer()
    runs = [Run("4:adam:1e-3:1"), Run("1:adagrad:1e-2:2")]
    model = StackedVAEs([run.seed for run in runs], "djl")
    references = [fc_vae(run.seed, "djl") for run in runs]
    steppers = optimizers(model, runs) + [optimizer_for(reference, run.optimizer, run.lr)
                                          for reference, run in zip(references, runs)]
    x = Batches(runs, "cpu").next()
    noise = torch.randn(len(runs), BATCH, LATENT)
    betas = torch.tensor([run.beta for run in runs])
    for step in range(2):
        logits, mu, logvar = model(x, noise)
        batched = losses(logits, x, mu, logvar, betas)
        model.zero_grad()
        batched.sum().backward()
        for k, (reference, run) in enumerate(zip(references, runs)):
            reference.zero_grad()
            mu_k, logvar_k = reference.encoder(x[k]).chunk(2, dim=1)
            logits_k = reference.decoder(mu_k + noise[k] * torch.exp(0.5 * logvar_k))
            loss_k = beta_vae_loss(logits_k, x[k], mu_k, logvar_k, run.beta)
            loss_k.backward()
            assert torch.allclose(batched[k], loss_k, rtol=1e-5), (step, k, batched[k], loss_k)
            for mine, theirs in zip(model.models[k].parameters(), reference.parameters()):
                error = (mine.grad - theirs.grad).abs().max()
                assert error <= 1e-4 * theirs.grad.abs().max(), (step, k, error.item())
                # Adam's first step moves a near-zero gradient by a whole lr either way, so
                # rounding in the gradients would part the runs: both step on the same ones.
                mine.grad.copy_(theirs.grad)
        for opt in steppers:
            opt.step()
        for k, reference in enumerate(references):
            for mine, theirs in zip(model.models[k].parameters(), reference.parameters()):
                assert torch.equal(mine, theirs), (step, k)
    print("self-test ok: the sprites are Braid's; batched losses, gradients and steps match each"
          " run's own model",
          file=sys.stderr)


def parse(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--run", type=Run, action="append", dest="runs",
                   help="BETA:OPTIMIZER:LR:SEED, repeatable (default: see the description)")
    p.add_argument("--score-at", default="2500,5000,10000,20000,40000,80000,150000,300000",
                   help="steps at which every run is scored; the last is the training length")
    p.add_argument("--minutes", type=float, default=0,
                   help="stop training after this many minutes and score there (default 0: none)")
    p.add_argument("--init", choices=("djl", "pytorch"), default="djl",
                   help="djl: start as Braid's blocks do (init_as_djl); pytorch: PyTorch's"
                        " default (default djl)")
    p.add_argument("--device", default="cpu", help="cpu or cuda (default cpu)")
    p.add_argument("--metric-train", type=int, default=10000)
    p.add_argument("--metric-eval", type=int, default=5000)
    p.add_argument("--metric-seed", type=int, default=101)
    p.add_argument("--self-test", action="store_true", help="check the batching and exit")
    cfg = p.parse_args(argv)
    try:
        cfg.score_at = sorted({int(s) for s in cfg.score_at.split(",")})
    except ValueError:
        p.error(f"--score-at expects comma-separated step counts, got '{cfg.score_at}'")
    if cfg.score_at[0] < 1 or cfg.metric_train < 1 or cfg.metric_eval < 1 or cfg.minutes < 0:
        p.error("--score-at, --metric-train and --metric-eval must be at least 1,"
                " --minutes at least 0")
    cfg.runs = cfg.runs or [Run(text) for text in DEFAULT_RUNS]
    return cfg


def main(argv):
    cfg = parse(argv)
    if cfg.self_test:
        self_test()
        return
    device = torch.device(cfg.device)
    runs = cfg.runs
    model = StackedVAEs([run.seed for run in runs], cfg.init).to(device)
    steppers = optimizers(model, runs)
    betas = torch.tensor([run.beta for run in runs], device=device)
    batches = Batches(runs, device)
    last = cfg.score_at[-1]
    print(f"torch {torch.__version__} on {device}: {len(runs)} FC beta-VAEs, {cfg.init} init,"
          f" batch {BATCH}, scored at {cfg.score_at}", file=sys.stderr, flush=True)
    started = time.time()

    def report(step, kl):
        model.eval()
        results = scores(model, runs, device, cfg.metric_train, cfg.metric_eval, cfg.metric_seed)
        model.train()
        minutes = (time.time() - started) / 60
        for run, (value, recall), unit_kl in zip(runs, results, kl):
            active = int((unit_kl > 0.1).sum())
            print(f"step {step}: {run}: metric {100 * value:.2f}%, {active} active units",
                  file=sys.stderr, flush=True)
            print(json.dumps({"steps": step, "beta": run.beta, "optimizer": run.optimizer,
                              "lr": run.lr, "seed": run.seed, "init": cfg.init,
                              "score": round(100 * value, 2),
                              "recall": {k: round(v, 4) for k, v in recall.items()},
                              "active_units": active, "minutes": round(minutes, 2)}), flush=True)

    for step in range(1, last + 1):
        x = batches.next()
        logits, mu, logvar = model(x)
        loss = losses(logits, x, mu, logvar, betas)
        for opt in steppers:
            opt.zero_grad(set_to_none=True)
        loss.sum().backward()
        for opt in steppers:
            opt.step()
        out_of_time = cfg.minutes and time.time() - started > 60 * cfg.minutes
        scoring = step in cfg.score_at or out_of_time
        if step % 1000 == 0 or scoring:
            print(f"step {step}/{last}: {step / (time.time() - started):.1f} steps/s, losses "
                  + " ".join(f"{v:.1f}" for v in loss.tolist()), file=sys.stderr, flush=True)
        if scoring:
            with torch.no_grad():
                kl = (0.5 * (mu * mu + logvar.exp() - logvar - 1).mean(1)).cpu()
            report(step, kl)
        if out_of_time:
            print(f"stopped at step {step}: --minutes {cfg.minutes:g} reached", file=sys.stderr)
            break


if __name__ == "__main__":
    main(sys.argv[1:])
