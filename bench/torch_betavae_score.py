#!/usr/bin/python3
"""Trains the peer's FC beta-VAE (torch_betavae.py) on dSprites drawn from the factor grid and
scores it with the disentanglement metric the way plugin-betavae scores Braid's model, so that a
low score can be told apart from a slow Braid: if plain PyTorch scores alike at the same steps,
the implementation is not what holds the score down.

Training: the model starts as DJL starts Braid's (init_as_djl) unless --init pytorch; fresh
batches of 64 images with uniformly drawn factor indices (shape 3, scale 6, orientation 40, x 32,
y 32; plugin-betavae's DSpritesFactors values), the Bernoulli beta-ELBO of torch_betavae.py, Adam
or Adagrad (the paper's dSprites optimiser; summed squares from 0.1, as Braid's).
Metric (Higgins et al. 2017, disentanglement_lib's protocol): each point fixes one of the five
factors k, draws L = 64 pairs of images sharing factor k, and averages |mu(x1) - mu(x2)| over
the pairs; a multinomial logistic regression (L2 strength 1 on summed losses, as Smile's lambda =
1 in DisentanglementMetric) on features standardised with the training points' statistics
predicts k. The score is its accuracy on separate evaluation points; recall per factor shows
which factors the code makes recognisable. The metric's points use seed + 100 so they do not
repeat the training batches.

Progress and scores go to stderr; stdout gets one JSON line per scoring (steps, score, recall,
active units, minutes).

  OMP_NUM_THREADS=2 /usr/bin/python3 bench/torch_betavae_score.py --steps 5000 --score-every 1000
  /usr/bin/python3 bench/torch_betavae_score.py --ground-truth     # the metric's own check
  /usr/bin/python3 bench/torch_betavae_score.py --pca 10000        # Braid's PCA row, this metric
"""

import argparse
import json
import math
import os
import sys
import time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402

from torch_betavae import (LATENT, FcVAE, beta_vae_loss, draw, init_as_djl,  # noqa: E402
                           optimizer_for)

FACTOR_SIZES = (3, 6, 40, 32, 32)  # shape, scale, orientation, x, y
FACTOR_NAMES = ("shape", "scale", "orientation", "x", "y")
PAIRS = 64
BATCH = 64
ENCODE_CHUNK = 1024


def render(factors):
    """(n, 5) long factor indices -> (n, 1, 64, 64) sprites, each factor at its grid value."""
    f = factors.to(torch.float64).view(-1, 5, 1, 1)
    scale = 0.5 + 0.5 * f[:, 1] / (FACTOR_SIZES[1] - 1)
    angle = 2 * math.pi * f[:, 2] / (FACTOR_SIZES[2] - 1)
    x = f[:, 3] / (FACTOR_SIZES[3] - 1)
    y = f[:, 4] / (FACTOR_SIZES[4] - 1)
    return draw(factors[:, 0].view(-1, 1, 1), scale, angle, x, y)


def random_factors(count, generator):
    return torch.stack([torch.randint(0, size, (count,), generator=generator)
                        for size in FACTOR_SIZES], dim=1)


def metric_points(encode, count, generator):
    """(count, latent) mean absolute differences over PAIRS pairs, and the fixed factor of each."""
    features, labels = [], []
    for start in range(0, count, 16):
        points = min(16, count - start)
        fixed = torch.randint(0, len(FACTOR_SIZES), (points,), generator=generator)
        first = random_factors(points * PAIRS, generator)
        second = random_factors(points * PAIRS, generator)
        for p in range(points):
            rows = slice(p * PAIRS, (p + 1) * PAIRS)
            second[rows, fixed[p]] = first[rows, fixed[p]]
        difference = (encode(first) - encode(second)).abs().view(points, PAIRS, -1).mean(dim=1)
        features.append(difference)
        labels.append(fixed)
    return torch.cat(features).double(), torch.cat(labels)


def logistic_regression(features, labels, strength=1.0):
    """Multinomial logistic regression, L2 on the weights only; returns a predict function."""
    weights = torch.zeros(features.shape[1], len(FACTOR_SIZES), dtype=torch.float64,
                          requires_grad=True)
    bias = torch.zeros(len(FACTOR_SIZES), dtype=torch.float64, requires_grad=True)
    optimizer = torch.optim.LBFGS([weights, bias], max_iter=500, tolerance_grad=1e-7,
                                  line_search_fn="strong_wolfe")

    def closure():
        optimizer.zero_grad()
        loss = F.cross_entropy(features @ weights + bias, labels, reduction="sum") \
            + 0.5 * strength * (weights * weights).sum()
        loss.backward()
        return loss

    optimizer.step(closure)
    return lambda x: (x @ weights + bias).argmax(dim=1)


def score(encode, train_points, eval_points, seed):
    """The metric's accuracy for encode ((n, 5) factor indices -> (n, latent) means), and the
    recall of each factor."""
    generator = torch.Generator().manual_seed(seed)
    train_x, train_y = metric_points(encode, train_points, generator)
    eval_x, eval_y = metric_points(encode, eval_points, generator)
    return classify(train_x, train_y, eval_x, eval_y)


def classify(train_x, train_y, eval_x, eval_y):
    """Fits the logistic regression on the training points, standardised with their statistics,
    and returns its accuracy on the evaluation points and the recall of each factor."""
    mean, std = train_x.mean(0), train_x.std(0, unbiased=False).clamp_min(1e-12)
    predict = logistic_regression((train_x - mean) / std, train_y)
    with torch.no_grad():
        predicted = predict((eval_x - mean) / std)
    recall = {name: ((predicted == eval_y) & (eval_y == k)).sum().item()
              / max(1, (eval_y == k).sum().item()) for k, name in enumerate(FACTOR_NAMES)}
    return (predicted == eval_y).double().mean().item(), recall


def chunked_encoder(images_to_codes, device="cpu"):
    """The metric's encode: (n, 5) factor indices -> (n, width) codes on the CPU, rendered on
    device and passed to images_to_codes ((m, 1, 64, 64) -> (m, width)) ENCODE_CHUNK at a time."""
    def encode(factors):
        with torch.no_grad():
            return torch.cat([
                images_to_codes(render(factors[i:i + ENCODE_CHUNK].to(device))).cpu()
                for i in range(0, factors.shape[0], ENCODE_CHUNK)])
    return encode


def pca_encoder(images, seed):
    """encode for the LATENT leading principal components of images sprites with uniformly
    drawn factors: (n, 5) factor indices -> (n, LATENT) projections of the centred pixels."""
    pixels = render(random_factors(images, torch.Generator().manual_seed(seed)))
    pixels = pixels.view(images, -1).double()
    mean = pixels.mean(0)
    _, _, components = torch.linalg.svd(pixels - mean, full_matrices=False)
    top = components[:LATENT].T
    return chunked_encoder(lambda x: (x.view(x.shape[0], -1).double() - mean) @ top)


def parse(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--steps", type=int, default=5000, help="training steps (default 5000)")
    p.add_argument("--score-every", type=int, default=0,
                   help="also score every N steps (default 0: only at the end)")
    p.add_argument("--optimizer", choices=("adam", "adagrad"), default="adam",
                   help="adam (Braid's pipeline) or adagrad (the paper's; default adam)")
    p.add_argument("--lr", type=float, default=1e-3, help="learning rate (default 1e-3)")
    p.add_argument("--beta", type=float, default=4.0, help="weight of the KL term (default 4)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--init", choices=("djl", "pytorch"), default="djl",
                   help="djl: start as Braid's blocks do (init_as_djl); pytorch: PyTorch's"
                        " default (default djl)")
    p.add_argument("--threads", type=int, default=2, help="intra-op threads (default 2)")
    p.add_argument("--metric-train", type=int, default=2000,
                   help="metric training points (default 2000; the full protocol is 10000)")
    p.add_argument("--metric-eval", type=int, default=1000,
                   help="metric evaluation points (default 1000; the full protocol is 5000)")
    p.add_argument("--ground-truth", action="store_true",
                   help="score the factor indices themselves instead of training (near 100%%:"
                        " checks the metric)")
    p.add_argument("--pca", type=int, default=0, metavar="IMAGES",
                   help="score 10 principal components fitted on IMAGES sprites instead of"
                        " training: the PCA row of Braid's table, to compare the two metrics")
    cfg = p.parse_args(argv)
    if cfg.pca and cfg.pca <= LATENT:
        p.error(f"--pca needs more than {LATENT} images")
    for name in ("steps", "threads", "metric_train", "metric_eval"):
        if getattr(cfg, name) < 1:
            p.error(f"--{name.replace('_', '-')} must be at least 1")
    if cfg.score_every < 0 or cfg.beta < 0 or cfg.lr <= 0:
        p.error("--score-every and --beta must be at least 0 and --lr above 0")
    return cfg


def main(argv):
    cfg = parse(argv)
    torch.set_num_threads(cfg.threads)
    torch.set_num_interop_threads(1)
    torch.manual_seed(cfg.seed)
    if cfg.ground_truth:
        value, recall = score(lambda factors: factors.double(), cfg.metric_train,
                              cfg.metric_eval, cfg.seed + 100)
        print(json.dumps({"representation": "ground truth", "score": round(100 * value, 2),
                          "recall": {k: round(v, 4) for k, v in recall.items()}}))
        return
    if cfg.pca:
        value, recall = score(pca_encoder(cfg.pca, cfg.seed), cfg.metric_train, cfg.metric_eval,
                              cfg.seed + 100)
        print(json.dumps({"representation": f"pca of {cfg.pca} images",
                          "score": round(100 * value, 2),
                          "recall": {k: round(v, 4) for k, v in recall.items()}}))
        return
    generator = torch.Generator().manual_seed(cfg.seed)
    model = FcVAE() if cfg.init == "pytorch" else init_as_djl(FcVAE())
    optimizer = optimizer_for(model, cfg.optimizer, cfg.lr)

    encode = chunked_encoder(lambda x: model.encoder(x).chunk(2, 1)[0])

    def report(step, kl):
        model.eval()
        value, recall = score(encode, cfg.metric_train, cfg.metric_eval, cfg.seed + 100)
        model.train()
        active = int((kl > 0.1).sum())
        minutes = (time.time() - started) / 60
        print(f"step {step}: metric {100 * value:.2f}%, recall "
              + ", ".join(f"{k} {v:.2f}" for k, v in recall.items())
              + f", {active} active units", file=sys.stderr, flush=True)
        print(json.dumps({"steps": step, "optimizer": cfg.optimizer, "lr": cfg.lr,
                          "beta": cfg.beta, "seed": cfg.seed, "score": round(100 * value, 2),
                          "recall": {k: round(v, 4) for k, v in recall.items()},
                          "active_units": active,
                          "minutes": round(minutes, 2)}), flush=True)

    print(f"torch {torch.__version__}: FC beta-VAE, beta {cfg.beta}, {cfg.optimizer} {cfg.lr},"
          f" {cfg.steps} steps of batch {BATCH}, seed {cfg.seed}, {cfg.threads} threads",
          file=sys.stderr, flush=True)
    started = time.time()
    for step in range(1, cfg.steps + 1):
        x = render(random_factors(BATCH, generator))
        logits, mu, logvar = model(x)
        loss = beta_vae_loss(logits, x, mu, logvar, cfg.beta)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
        scoring = step == cfg.steps or (cfg.score_every and step % cfg.score_every == 0)
        if step % 500 == 0 or scoring:
            with torch.no_grad():
                kl = 0.5 * (mu * mu + logvar.exp() - logvar - 1).mean(0)
            print(f"step {step}/{cfg.steps}: loss {loss.item():.1f}, "
                  f"{step / (time.time() - started):.2f} steps/s, KL per unit "
                  + " ".join(f"{v:.2f}" for v in kl.tolist()), file=sys.stderr, flush=True)
        if scoring:
            report(step, kl)


if __name__ == "__main__":
    main(sys.argv[1:])
