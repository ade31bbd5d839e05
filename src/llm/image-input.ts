import { InvalidInputError, TooLargeError } from '../lib/domain-errors';
import type { ChatMessage, ImageInput } from './types';

/**
 * Images in one request: Anthropic takes up to 100 per API call but only 2000x2000 px each past
 * 20, so 20 keeps every image at the provider's full size limit.
 */
export const MAX_IMAGES_PER_REQUEST = 20;
/** Anthropic's limit for one image, the strictest of the providers behind the router. */
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
/**
 * An upper bound on the input tokens one image is billed as, by any vision model in the
 * catalogue: Claude's high-resolution tier encodes an image in at most 4,784 visual tokens
 * (2,576 px on the long edge, ⌈w/28⌉ × ⌈h/28⌉) plus 3 for the block, Kimi bills a flat 1,024.
 * Larger images are scaled down by the provider before encoding, so no image costs more.
 */
export const IMAGE_TOKEN_BOUND = 4_800;

const DATA_URL = /^data:(image\/(?:png|jpeg|gif|webp));base64,([A-Za-z0-9+/]*={0,2})$/;

/** A base64 image's media type and data, or undefined for an https URL. */
export function dataUrlParts(url: string): { mediaType: string; data: string } | undefined {
  const match = DATA_URL.exec(url);
  return match?.[1] && match[2] !== undefined ? { mediaType: match[1], data: match[2] } : undefined;
}

/** Bytes a base64 text decodes to. */
const decodedBytes = (data: string) => Math.floor((data.length * 3) / 4) - (data.match(/=+$/)?.[0].length ?? 0);

/** Checks one image as the caller gave it: an https URL, or a base64 PNG, JPEG, GIF or WebP within 5 MiB. */
export function checkImage(image: ImageInput): ImageInput {
  if (image.url.startsWith('https://')) {
    if (!URL.canParse(image.url))
      throw new InvalidInputError(`${image.param}: not a valid URL`, { param: image.param });
    return image;
  }
  const parts = dataUrlParts(image.url);
  if (!parts) {
    throw new InvalidInputError(
      `${image.param}: an image is an https URL or a data URL (data:image/png|jpeg|gif|webp;base64,...)`,
      { param: image.param },
    );
  }
  const bytes = decodedBytes(parts.data);
  if (bytes > MAX_IMAGE_BYTES) {
    throw new TooLargeError(`${image.param}: the image is ${bytes} bytes, more than ${MAX_IMAGE_BYTES}`, {
      param: image.param,
    });
  }
  return image;
}

/** Every image of a request, in order. */
export const imagesOf = (messages: readonly ChatMessage[]): ImageInput[] =>
  messages.flatMap((message) => (message.parts ?? []).flatMap((part) => (part.type === 'image' ? [part.image] : [])));

/** Claude sizes images itself: a `detail` other than `auto` has no equivalent there. */
export function imageDetailRefusal(
  messages: readonly ChatMessage[],
): { parameter: string; reason: string } | undefined {
  const image = imagesOf(messages).find((candidate) => candidate.detail && candidate.detail !== 'auto');
  return (
    image && { parameter: `${image.param}.detail`, reason: 'sizes images itself: it takes image detail auto only' }
  );
}

/** Refuses a request with more images than a provider takes at full size. */
export function checkImageCount(messages: readonly ChatMessage[]): void {
  const count = imagesOf(messages).length;
  if (count > MAX_IMAGES_PER_REQUEST) {
    throw new InvalidInputError(`messages: ${count} images, at most ${MAX_IMAGES_PER_REQUEST} a request`, {
      param: 'messages',
    });
  }
}
