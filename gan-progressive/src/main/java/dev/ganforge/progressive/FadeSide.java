package dev.ganforge.progressive;

/**
 * Which network a fade-in sits in: the two blend different things (Karras et al. 2018, their
 * {@code networks.py}). In the generator the new level's image is blended with the previous level's
 * image, upsampled; in the discriminator the new level's features are blended with the previous level's
 * from-image features of the downsampled input.
 */
public enum FadeSide {
  GENERATOR,
  DISCRIMINATOR
}
