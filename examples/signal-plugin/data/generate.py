#!/usr/bin/env python3
"""Writes waveforms.csv: a small synthetic dataset of three waveform classes.

Each row is one signal of LENGTH samples: a sine, a square or a sawtooth wave with a random
frequency (2 to 8 cycles per signal), phase, amplitude (0.5 to 1.5) and added Gaussian noise
(standard deviation 0.1). Classes are balanced within each split as far as the split size allows.

Only the Python standard library is used and the seed is fixed, so running this script again
gives the same file byte for byte:

    python3 examples/signal-plugin/data/generate.py
"""

import math
import os
import random

SEED = 20261122
LENGTH = 64
SPLITS = (("train", 60), ("validation", 20), ("test", 20))
CLASSES = ("sine", "square", "sawtooth")
NOISE = 0.1


def wave(kind, cycles_per_sample, phase):
    """Returns the noise-free waveform of one class at unit amplitude, values in [-1, 1]."""
    values = []
    for t in range(LENGTH):
        position = cycles_per_sample * t + phase  # in cycles
        if kind == "sine":
            values.append(math.sin(2.0 * math.pi * position))
        elif kind == "square":
            values.append(1.0 if (position % 1.0) < 0.5 else -1.0)
        else:  # sawtooth: rises linearly from -1 to 1 once per cycle
            values.append(2.0 * (position % 1.0) - 1.0)
    return values


def sample(rng, kind):
    """Draws one noisy signal of the given class."""
    cycles_per_sample = rng.uniform(2.0, 8.0) / LENGTH
    phase = rng.random()
    amplitude = rng.uniform(0.5, 1.5)
    return [amplitude * v + rng.gauss(0.0, NOISE) for v in wave(kind, cycles_per_sample, phase)]


def main():
    rng = random.Random(SEED)
    rows = ["id,split,label,values"]
    number = 0
    for split, count in SPLITS:
        # Cycle through the classes for balance, then shuffle so the file is not ordered by class.
        kinds = [CLASSES[i % len(CLASSES)] for i in range(count)]
        rng.shuffle(kinds)
        for kind in kinds:
            number += 1
            values = " ".join(f"{v:.4f}" for v in sample(rng, kind))
            rows.append(f"{split}-{number:03d},{split},{kind},{values}")
    target = os.path.join(os.path.dirname(os.path.abspath(__file__)), "waveforms.csv")
    with open(target, "w", encoding="utf-8", newline="\n") as out:
        out.write("\n".join(rows) + "\n")


if __name__ == "__main__":
    main()
