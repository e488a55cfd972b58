#!/usr/bin/python3
"""The beta-VAE of plugin-betavae (dSprites, Higgins et al. 2017) in plain PyTorch, trained on
procedurally drawn binary 64x64 sprites, as the Python peer of Braid's beta-VAE training.

Models (latent 10; the encoder's last layer gives mu and logvar, 10 each):
  fc    x (B, 4096) -> Linear 1200 ReLU -> Linear 1200 ReLU -> Linear 20
        z (B, 10)   -> Linear 1200 tanh -> Linear 1200 tanh -> Linear 1200 tanh -> Linear 4096
  conv  x (B, 1, 64, 64) -> Conv 32, 32, 64, 64 (kernel 4, stride 2, padding 1, ReLU): (B, 64, 4, 4)
                         -> flatten 1024 -> Linear 256 ReLU -> Linear 20
        z (B, 10) -> Linear 256 ReLU -> Linear 1024 ReLU -> reshape (B, 64, 4, 4)
                  -> 4 x [nearest-neighbour upsampling x2, Conv kernel 3 padding 1] with
                     64, 32, 32, 1 channels, ReLU between                   -> (B, 1, 64, 64)
  Braid's engine has no transposed convolution, so Braid's conv decoder upsamples and convolves;
  this one does the same, so that both sides run the same maths.
Training: z = mu + eps * exp(logvar / 2); loss = Bernoulli negative log-likelihood (sigmoid
cross-entropy of the logits, summed over pixels) + beta * KL(N(mu, exp(logvar)) || N(0, I))
(summed over latent dimensions), both averaged over the batch; Adam (lr 1e-4, betas
0.9/0.999) or Adagrad (--optimizer; summed squares starting at 0.1, as Braid's).

Prints progress on stderr and one JSON line on stdout: steps/s, parameter count, the analytic
FLOPs of one training step, and the FLOP/s of a large float32 matmul measured with the same threads.

Run with Debian's interpreter, which has python3-torch:
  /usr/bin/python3 bench/torch_betavae.py --steps 100 --warmup 10 --model fc
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

from torch_fusion import matmul_flops  # noqa: E402  (the machine's ceiling, measured alike)

IMAGE = 64
PIXELS = IMAGE * IMAGE
LATENT = 10
HIDDEN = 1200
CONV_CHANNELS = (32, 32, 64, 64)
CONV_HIDDEN = 256
# Where Adagrad's summed squares start: TensorFlow's default and Braid's (ParameterOptimizer).
ADAGRAD_INITIAL_SUM = 0.1
UPSAMPLE_CHANNELS = (64, 32, 32, 32)  # each: nearest x2, conv 3x3, ReLU; then a 3x3 conv to 1


class FcVAE(nn.Module):
    """The paper's dSprites model (row 1 of its Table 1): x (B, 1, 64, 64) -> logits (B, 4096)."""

    def __init__(self):
        super().__init__()
        self.encoder = nn.Sequential(
            nn.Flatten(),
            nn.Linear(PIXELS, HIDDEN), nn.ReLU(),
            nn.Linear(HIDDEN, HIDDEN), nn.ReLU(),
            nn.Linear(HIDDEN, 2 * LATENT))
        self.decoder = nn.Sequential(
            nn.Linear(LATENT, HIDDEN), nn.Tanh(),
            nn.Linear(HIDDEN, HIDDEN), nn.Tanh(),
            nn.Linear(HIDDEN, HIDDEN), nn.Tanh(),
            nn.Linear(HIDDEN, PIXELS))

    def forward(self, x):
        """x (B, 1, 64, 64) in {0, 1} -> logits (B, 4096), mu (B, 10), logvar (B, 10)."""
        return vae_forward(self, x)


class ConvVAE(nn.Module):
    """Conv encoder and upsampling decoder: x (B, 1, 64, 64) -> logits (B, 1, 64, 64)."""

    def __init__(self):
        super().__init__()
        layers, channels = [], 1
        for out in CONV_CHANNELS:
            layers += [nn.Conv2d(channels, out, kernel_size=4, stride=2, padding=1), nn.ReLU()]
            channels = out
        side = IMAGE // 2 ** len(CONV_CHANNELS)
        self.encoder = nn.Sequential(
            *layers, nn.Flatten(),
            nn.Linear(channels * side * side, CONV_HIDDEN), nn.ReLU(),
            nn.Linear(CONV_HIDDEN, 2 * LATENT))
        layers = [nn.Linear(LATENT, CONV_HIDDEN), nn.ReLU(),
                  nn.Linear(CONV_HIDDEN, channels * side * side), nn.ReLU(),
                  nn.Unflatten(1, (channels, side, side))]
        for out in UPSAMPLE_CHANNELS:
            layers += [nn.Upsample(scale_factor=2, mode="nearest"),
                       nn.Conv2d(channels, out, kernel_size=3, padding=1), nn.ReLU()]
            channels = out
        layers.append(nn.Conv2d(channels, 1, kernel_size=3, padding=1))
        self.decoder = nn.Sequential(*layers)

    def forward(self, x):
        """x (B, 1, 64, 64) in {0, 1} -> logits (B, 1, 64, 64), mu (B, 10), logvar (B, 10)."""
        return vae_forward(self, x)


def vae_forward(model, x):
    """Encodes, samples z = mu + eps * exp(logvar / 2) and decodes."""
    mu, logvar = model.encoder(x).chunk(2, dim=1)
    z = mu + torch.randn_like(mu) * torch.exp(0.5 * logvar)
    return model.decoder(z), mu, logvar


def beta_vae_loss(logits, x, mu, logvar, beta):
    """Bernoulli NLL summed over pixels + beta * KL to N(0, I) summed over latents, batch mean."""
    batch = x.shape[0]
    nll = F.binary_cross_entropy_with_logits(logits, x.view_as(logits), reduction="sum")
    kl = 0.5 * torch.sum(mu * mu + torch.exp(logvar) - logvar - 1.0)
    return (nll + beta * kl) / batch


def init_as_djl(model):
    """Restarts model's weights as DJL's default does, so that it starts where Braid's blocks
    start: N(0, 2 / fan_in) weights (DJL's XavierInitializer, Gaussian, fan-in, magnitude 2) and
    zero biases. PyTorch's own default is U(-1 / sqrt(fan_in), 1 / sqrt(fan_in)) for both, a
    weight spread sqrt(6) times narrower. Returns model."""
    for module in model.modules():
        if isinstance(module, (nn.Linear, nn.Conv2d)):
            nn.init.kaiming_normal_(module.weight, nonlinearity="relu")
            nn.init.zeros_(module.bias)
    return model


def build(model):
    return FcVAE() if model == "fc" else ConvVAE()


def layer_macs(model):
    """Forward multiply-adds of one sample in every Linear and Conv layer, from the shapes alone."""
    if model == "fc":
        shapes = [(PIXELS, HIDDEN), (HIDDEN, HIDDEN), (HIDDEN, 2 * LATENT),
                  (LATENT, HIDDEN), (HIDDEN, HIDDEN), (HIDDEN, HIDDEN), (HIDDEN, PIXELS)]
        return sum(i * o for i, o in shapes)
    macs, channels, side = 0, 1, IMAGE
    for out in CONV_CHANNELS:  # kernel 4, stride 2: each layer halves the side
        side //= 2
        macs += side * side * out * channels * 4 * 4
        channels = out
    flat = channels * side * side
    macs += flat * CONV_HIDDEN + CONV_HIDDEN * 2 * LATENT
    macs += LATENT * CONV_HIDDEN + CONV_HIDDEN * flat
    for out in UPSAMPLE_CHANNELS:  # upsampling x2, then kernel 3 at the new side
        side *= 2
        macs += side * side * out * channels * 3 * 3
        channels = out
    macs += side * side * 1 * channels * 3 * 3  # the output conv
    return macs


def training_flops(cfg):
    """FLOPs of one training step: 3 x the forward's (2 x multiply-adds of every Linear/Conv).

    Activations, upsampling, sampling, the loss and the optimiser are left out.
    """
    return 3 * 2 * cfg.batch * layer_macs(cfg.model)


def parameter_count(model):
    """Closed-form parameter count, to compare with Braid's model."""
    if model == "fc":
        # The paper's dSprites model:
        #   4096*1200+1200 + 1200*1200+1200 + 1200*20+20              encoder  6,381,620
        #   + 10*1200+1200 + 2*(1200*1200+1200) + 1200*4096+4096      decoder  7,814,896
        #   = 14,196,516
        return (4096 * 1200 + 1200 + 1200 * 1200 + 1200 + 1200 * 20 + 20
                + 10 * 1200 + 1200 + 2 * (1200 * 1200 + 1200) + 1200 * 4096 + 4096)
    count, channels = 0, 1
    for out in CONV_CHANNELS:
        count += channels * out * 4 * 4 + out
        channels = out
    flat = channels * (IMAGE // 2 ** len(CONV_CHANNELS)) ** 2
    count += flat * CONV_HIDDEN + CONV_HIDDEN + CONV_HIDDEN * 2 * LATENT + 2 * LATENT
    count += LATENT * CONV_HIDDEN + CONV_HIDDEN + CONV_HIDDEN * flat + flat
    for out in UPSAMPLE_CHANNELS:
        count += channels * out * 3 * 3 + out
        channels = out
    count += channels * 1 * 3 * 3 + 1  # the output conv
    return count


def sprites(count, generator):
    """(count, 1, 64, 64) float32 binary sprites: squares, ellipses and hearts at random scale,
    orientation and position, drawn by draw()."""
    def uniform(low, high):
        noise = torch.rand(count, 1, 1, generator=generator, dtype=torch.float64)
        return low + (high - low) * noise

    shape = torch.randint(0, 3, (count, 1, 1), generator=generator)
    return draw(shape, uniform(0.5, 1.0), uniform(0.0, 2 * math.pi), uniform(0.0, 1.0),
                uniform(0.0, 1.0))


def draw(shape, scale, angle, x, y):
    """(n, 1, 64, 64) float32 binary sprites as plugin-betavae's DSpritesRenderer draws them: a
    pixel is on when its centre lies inside the shape (0 square, 1 ellipse, 2 heart) of half
    extent 0.16 * 64 * scale, turned by angle (radians), centred at (0.25 + 0.5 * x) * 64 and
    (0.25 + 0.5 * y) * 64. Every argument is (n, 1, 1); all but shape are float64."""
    extent = 0.16 * IMAGE * scale
    cx, cy = (0.25 + 0.5 * x) * IMAGE, (0.25 + 0.5 * y) * IMAGE
    grid = torch.arange(IMAGE, dtype=torch.float64, device=scale.device) + 0.5
    dx, dy = grid.view(1, 1, IMAGE) - cx, grid.view(1, IMAGE, 1) - cy
    cos, sin = torch.cos(angle), torch.sin(angle)
    u, v = (cos * dx + sin * dy) / extent, (-sin * dx + cos * dy) / extent
    square = (u.abs() <= 1) & (v.abs() <= 1)
    ellipse = u * u + v * v / 0.25 <= 1
    hx, hy = u * 1.15, -v * 1.15 + 0.12
    a = hx * hx + hy * hy - 1
    heart = a * a * a - hx * hx * hy * hy * hy <= 0
    on = torch.where(shape == 0, square, torch.where(shape == 1, ellipse, heart))
    return on.to(torch.float32).unsqueeze(1)


def optimizer_for(model, name, lr):
    """Adam (betas 0.9/0.999, eps 1e-8) or Adagrad with Braid's start for the summed squares."""
    if name == "adagrad":
        return torch.optim.Adagrad(model.parameters(), lr=lr,
                                   initial_accumulator_value=ADAGRAD_INITIAL_SUM)
    return torch.optim.Adam(model.parameters(), lr=lr, betas=(0.9, 0.999), eps=1e-8)


def train(cfg):
    torch.manual_seed(cfg.seed)
    generator = torch.Generator().manual_seed(cfg.seed)
    model = build(cfg.model)
    model.train()
    optimizer = optimizer_for(model, cfg.optimizer, cfg.lr)
    # A small pool of batches drawn once and cycled, as the Java side encodes its batches once.
    pool = [sprites(cfg.batch, generator) for _ in range(cfg.pool)]
    losses = []
    total = cfg.warmup + cfg.steps
    report = max(1, total // 10)

    def step(i):
        x = pool[i % len(pool)]
        optimizer.zero_grad(set_to_none=True)
        logits, mu, logvar = model(x)
        loss = beta_vae_loss(logits, x, mu, logvar, cfg.beta)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
        if (i + 1) % report == 0 or i + 1 == total:
            phase = "warm-up" if i < cfg.warmup else "timed"
            print(f"step {i + 1}/{total} ({phase}): loss {losses[-1]:.2f}", file=sys.stderr,
                  flush=True)

    for i in range(cfg.warmup):
        step(i)
    started = time.perf_counter()
    for i in range(cfg.steps):
        step(cfg.warmup + i)
    seconds = time.perf_counter() - started
    params = sum(p.numel() for p in model.parameters())
    return seconds, params, losses


def self_test(cfg):
    """Checks the sprites and both models on a small batch; raises AssertionError on a failure."""
    torch.manual_seed(cfg.seed)
    generator = torch.Generator().manual_seed(cfg.seed)
    x = sprites(cfg.batch, generator)
    assert x.shape == (cfg.batch, 1, IMAGE, IMAGE), x.shape
    assert set(x.unique().tolist()) <= {0.0, 1.0}, "sprites are not binary"
    lit = x.sum(dim=(1, 2, 3))
    assert (lit > 0).all() and (lit < PIXELS / 4).all(), lit
    checked = {}
    for name in ("fc", "conv"):
        model = build(name).eval()
        params = sum(p.numel() for p in model.parameters())
        assert params == parameter_count(name), (name, params, parameter_count(name))

        # The profiler's own count of the forward's convolution and matmul FLOPs.
        with torch.profiler.profile(with_flops=True) as prof, torch.no_grad():
            logits, mu, logvar = model(x)
        counted = sum(e.flops for e in prof.events()
                      if e.flops and e.name in ("aten::conv2d", "aten::addmm", "aten::mm"))
        expected = training_flops(argparse.Namespace(batch=cfg.batch, model=name))
        assert 3 * counted == expected, (name, 3 * counted, expected)
        assert logits.numel() == cfg.batch * PIXELS, logits.shape
        assert mu.shape == logvar.shape == (cfg.batch, LATENT), (mu.shape, logvar.shape)

        # With logvar = 0 and mu = 0 the KL vanishes; the NLL of zero logits is log 2 per pixel.
        zero = torch.zeros(cfg.batch, LATENT)
        flat = beta_vae_loss(torch.zeros_like(logits), x, zero, zero, cfg.beta)
        assert abs(flat.item() - PIXELS * math.log(2)) < 1e-2, flat.item()
        kl = beta_vae_loss(torch.full_like(logits, 1e4) * (2 * x.view_as(logits) - 1), x,
                           torch.ones(cfg.batch, LATENT), zero, 2.0)
        assert abs(kl.item() - 2.0 * 0.5 * LATENT) < 1e-3, kl.item()

        model.train()
        optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
        losses = []
        for _ in range(30):
            optimizer.zero_grad(set_to_none=True)
            logits, mu, logvar = model(x)
            loss = beta_vae_loss(logits, x, mu, logvar, cfg.beta)
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
        assert losses[-1] < 0.5 * losses[0], f"{name} did not fit one batch: {losses}"
        checked[name] = params
    return checked


def parse(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--model", choices=("fc", "conv"), default="fc",
                   help="fc: the paper's dSprites model; conv: conv encoder, upsampling decoder"
                        " (default fc)")
    p.add_argument("--steps", type=int, default=200, help="timed training steps (default 200)")
    p.add_argument("--warmup", type=int, default=20, help="untimed steps first (default 20)")
    p.add_argument("--batch", type=int, default=64, help="samples per step (default 64)")
    p.add_argument("--threads", type=int, default=2, help="intra-op threads (default 2)")
    p.add_argument("--beta", type=float, default=4.0, help="weight of the KL term (default 4)")
    p.add_argument("--optimizer", choices=("adam", "adagrad"), default="adam",
                   help="adam (betas 0.9/0.999) or adagrad, as the Braid pipeline trains"
                        " (default adam)")
    p.add_argument("--lr", type=float, default=1e-4, help="learning rate (default 1e-4)")
    p.add_argument("--pool", type=int, default=8, help="distinct batches cycled (default 8)")
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--matmul-size", type=int, default=2048,
                   help="square matmul side (default 2048)")
    p.add_argument("--matmul-reps", type=int, default=5, help="timed matmuls (default 5)")
    p.add_argument("--self-test", action="store_true",
                   help="check both models (parameter counts, FLOPs against torch's profiler, the"
                        " loss, fitting one batch) and the sprites on a small batch instead of"
                        " timing")
    cfg = p.parse_args(argv)
    for name in ("steps", "batch", "threads", "pool", "matmul_size", "matmul_reps"):
        if getattr(cfg, name) < 1:
            p.error(f"--{name.replace('_', '-')} must be at least 1")
    if cfg.warmup < 0:
        p.error("--warmup must be at least 0")
    if cfg.beta < 0 or cfg.lr <= 0:
        p.error(f"--beta must be at least 0 and --lr above 0, got {cfg.beta} and {cfg.lr}")
    return cfg


def main(argv):
    cfg = parse(argv)
    torch.set_num_threads(cfg.threads)
    torch.set_num_interop_threads(1)
    if cfg.self_test:
        checked = self_test(argparse.Namespace(**{**vars(cfg), "batch": min(cfg.batch, 8)}))
        print("self-test: ok (" + ", ".join(f"{k} {v} parameters" for k, v in checked.items())
              + ")")
        return
    print(f"torch {torch.__version__}: beta-VAE {cfg.model}, batch {cfg.batch}, {cfg.threads}"
          f" threads, {cfg.warmup} warm-up + {cfg.steps} timed steps", file=sys.stderr, flush=True)
    seconds, params, losses = train(cfg)
    flops = training_flops(cfg)
    steps_per_s = cfg.steps / seconds
    print(f"{steps_per_s:.2f} steps/s; timing a {cfg.matmul_size} matmul", file=sys.stderr,
          flush=True)
    matmul = matmul_flops(cfg.matmul_size, cfg.matmul_reps)
    print(json.dumps({
        "side": "torch",
        "model": cfg.model,
        "torch_version": torch.__version__,
        "threads": torch.get_num_threads(),
        "batch": cfg.batch,
        "steps": cfg.steps,
        "warmup": cfg.warmup,
        "steps_per_s": steps_per_s,
        "ms_per_step": 1000.0 / steps_per_s,
        "params": params,
        "beta": cfg.beta,
        "optimizer": cfg.optimizer,
        "lr": cfg.lr,
        "flops_per_step": flops,
        "achieved_flop_s": flops * steps_per_s,
        "matmul_size": cfg.matmul_size,
        "matmul_flop_s": matmul,
        "loss_first": losses[0],
        "loss_last": losses[-1],
    }))


if __name__ == "__main__":
    main(sys.argv[1:])
