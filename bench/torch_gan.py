#!/usr/bin/env python3
"""PyTorch reference for `gan bench`: the same GAN iteration as GANForge's engine, timed the same way.

One iteration = one discriminator step and one generator step on Fashion-MNIST, batch 64:
  z ~ N(0, 1); fakes = G(z)                     (G forward once, in training mode)
  D step: D(real), D(fakes.detach()) in two passes (as the engine does: two batch-norm batches),
          non-saturating loss (softplus form), backward, Adam step
  G step: the same fakes (reused, not regenerated), D(fakes) through the updated D, backward into G,
          Adam step
  plus what the engine logs every step: both losses, mean raw scores, both gradient L2 norms.
Architectures, initialisation (N(0, 0.02) for the DCGAN), optimizer (Adam 2e-4, betas 0.5/0.999) and
batch size match bench/fashion-mnist-mlp.yaml and examples/fashion-mnist-dcgan.yaml.

Usage: python3 bench/torch_gan.py {mlp,dcgan} [--iterations N] [--warmup N] [--threads N]
Prints the same summary lines as `gan bench`.
"""
import argparse
import gzip
import resource
import statistics
import time

import numpy as np
import torch
from torch import nn
import torch.nn.functional as F

FASHION_MNIST = "/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz"


def load_images():
    with gzip.open(FASHION_MNIST, "rb") as f:
        raw = np.frombuffer(f.read(), dtype=np.uint8, offset=16)
    images = raw.reshape(-1, 1, 28, 28).astype(np.float32) / 127.5 - 1.0  # [-1, 1], as the engine scales
    return torch.from_numpy(images)


def mlp():
    generator = nn.Sequential(
        nn.Linear(100, 256), nn.LeakyReLU(0.2),
        nn.Linear(256, 512), nn.LeakyReLU(0.2),
        nn.Linear(512, 784), nn.Tanh(),
        nn.Unflatten(1, (1, 28, 28)))
    discriminator = nn.Sequential(
        nn.Flatten(),
        nn.Linear(784, 512), nn.LeakyReLU(0.2),
        nn.Linear(512, 256), nn.LeakyReLU(0.2),
        nn.Linear(256, 1))
    return generator, discriminator


def dcgan():
    generator = nn.Sequential(
        nn.Linear(100, 128 * 7 * 7), nn.BatchNorm1d(128 * 7 * 7), nn.ReLU(),
        nn.Unflatten(1, (128, 7, 7)),
        nn.ConvTranspose2d(128, 64, 4, stride=2, padding=1), nn.BatchNorm2d(64), nn.LeakyReLU(0.2),
        nn.ConvTranspose2d(64, 1, 4, stride=2, padding=1), nn.Tanh())
    discriminator = nn.Sequential(
        nn.Conv2d(1, 64, 4, stride=2, padding=1), nn.LeakyReLU(0.2),
        nn.Conv2d(64, 128, 4, stride=2, padding=1), nn.BatchNorm2d(128), nn.LeakyReLU(0.2),
        nn.Flatten(),
        nn.Linear(128 * 7 * 7, 1))
    for network in (generator, discriminator):
        for module in network.modules():
            if isinstance(module, (nn.Linear, nn.Conv2d, nn.ConvTranspose2d)):
                nn.init.normal_(module.weight, 0.0, 0.02)
                nn.init.zeros_(module.bias)
    return generator, discriminator


def gradient_norm(network):
    return torch.sqrt(sum((p.grad.float() ** 2).sum() for p in network.parameters())).item()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model", choices=["mlp", "dcgan"])
    parser.add_argument("--iterations", type=int, default=50)
    parser.add_argument("--warmup", type=int, default=10)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=64)
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(2)
    images = load_images()
    generator, discriminator = (mlp if args.model == "mlp" else dcgan)()
    optimizer_g = torch.optim.Adam(generator.parameters(), lr=2e-4, betas=(0.5, 0.999))
    optimizer_d = torch.optim.Adam(discriminator.parameters(), lr=2e-4, betas=(0.5, 0.999))
    batch = args.batch_size
    order = torch.randperm(images.shape[0])
    position = [0]

    def next_real():
        if position[0] + batch > images.shape[0]:
            order.copy_(torch.randperm(images.shape[0]))
            position[0] = 0
        indices = order[position[0]:position[0] + batch]
        position[0] += batch
        return images[indices]

    def iterate():
        real = next_real()
        fakes = generator(torch.randn(batch, 100))
        optimizer_d.zero_grad(set_to_none=True)
        real_scores = discriminator(real)
        fake_scores = discriminator(fakes.detach())
        # non-saturating / minimax D loss: -log sigmoid(real) - log(1 - sigmoid(fake)), batch means
        loss_d = F.softplus(-real_scores).mean() + F.softplus(fake_scores).mean()
        loss_d.backward()
        norm_d = gradient_norm(discriminator)
        optimizer_d.step()

        optimizer_g.zero_grad(set_to_none=True)
        loss_g = F.softplus(-discriminator(fakes)).mean()  # non-saturating G loss
        loss_g.backward()
        norm_g = gradient_norm(generator)
        optimizer_g.step()
        return (loss_d.item(), loss_g.item(), real_scores.mean().item(), fake_scores.mean().item(), norm_d,
                norm_g)

    print(f"pytorch {torch.__version__} {args.model}: batch {batch}, {args.warmup} warm-up + "
          f"{args.iterations} timed iterations, {torch.get_num_threads()} threads", flush=True)
    for _ in range(args.warmup):
        iterate()
    millis = []
    for _ in range(args.iterations):
        start = time.perf_counter()
        iterate()
        millis.append((time.perf_counter() - start) * 1000)
    millis.sort()
    median = statistics.median_low(millis)
    p90 = millis[min(len(millis) - 1, int(0.9 * len(millis)))]
    print(f"median {median:.1f} ms/iteration, p90 {p90:.1f} ms, min {millis[0]:.1f} ms, max {millis[-1]:.1f} ms "
          f"({1000 / median:.2f} iterations/s)")
    print(f"peak process memory (max RSS) {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
