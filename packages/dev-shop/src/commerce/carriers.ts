import { hash32 } from "./rng.ts";
import type { DeliveryOptionType, ShippingProvider, TrackingFormat } from "./state.ts";

/**
 * The carriers of each market and the shape of their tracking numbers. Provider ids are derived
 * from the market and carrier name only, so they are the same in every seed and every reset:
 * apps map carriers by id, and a mapping made against one dev shop keeps working after reseeding.
 */

interface CarrierSpec {
  name: string;
  format: TrackingFormat;
}

const carriersByRegion: Record<string, CarrierSpec[]> = {
  US: [
    { name: "USPS", format: "USPS" },
    { name: "UPS", format: "UPS" },
    { name: "FedEx", format: "FEDEX" },
    { name: "DHL eCommerce", format: "DHL" },
  ],
  GB: [
    { name: "Royal Mail", format: "ROYAL_MAIL" },
    { name: "DPD", format: "DPD" },
    { name: "Evri", format: "EVRI" },
    { name: "Yodel", format: "GENERIC" },
    { name: "Parcelforce", format: "GENERIC" },
  ],
};

const fallbackCarriers: CarrierSpec[] = [
  { name: "DHL", format: "DHL" },
  { name: "GLS", format: "GENERIC" },
  { name: "TT Virtual express", format: "GENERIC" },
];

/** Which carriers (by index into the market's list) serve each TikTok delivery option. */
const optionCarriers: Record<string, Record<DeliveryOptionType, number[]>> = {
  US: { STANDARD: [0, 1], EXPRESS: [1, 2], ECONOMY: [0], SEND_BY_SELLER: [0, 1, 2, 3] },
  GB: { STANDARD: [2, 0], EXPRESS: [1, 0], ECONOMY: [2], SEND_BY_SELLER: [0, 1, 2, 3, 4] },
};
const fallbackOptionCarriers: Record<DeliveryOptionType, number[]> = {
  STANDARD: [0, 1],
  EXPRESS: [0],
  ECONOMY: [1],
  SEND_BY_SELLER: [0, 1, 2],
};

export function providerId(region: string, name: string): string {
  const high = String(hash32(`${region}|${name}`)).padStart(10, "0");
  const low = String(hash32(`${name}|${region}|provider`) % 100000).padStart(5, "0");
  return `6617${high}${low}`;
}

export function providersForRegion(region: string): ShippingProvider[] {
  return (carriersByRegion[region] ?? fallbackCarriers).map((carrier) => ({
    id: providerId(region, carrier.name),
    name: carrier.name,
    trackingFormat: carrier.format,
  }));
}

export function providerIdsForOption(region: string, type: DeliveryOptionType): string[] {
  const providers = providersForRegion(region);
  const indexes = (optionCarriers[region] ?? fallbackOptionCarriers)[type];
  return indexes.flatMap((index) => {
    const provider = providers[index];
    return provider ? [provider.id] : [];
  });
}

const digitsFrom = (key: string, count: number): string => {
  let out = "";
  let round = 0;
  while (out.length < count) out += String(hash32(`${key}#${round++}`)).padStart(10, "0");
  return out.slice(0, count);
};

const lettersFrom = (key: string, count: number): string =>
  digitsFrom(`${key}letters`, count * 2)
    .match(/\d\d/g)!
    .map((pair) => String.fromCharCode(65 + (Number(pair) % 26)))
    .join("");

/** A plausible tracking number for the carrier, derived from `key` (e.g. the package id). */
export function mintTrackingNumber(format: TrackingFormat, key: string): string {
  switch (format) {
    case "USPS":
      return `9400${digitsFrom(key, 18)}`;
    case "UPS":
      return `1Z${lettersFrom(key, 3)}${digitsFrom(key, 3)}${digitsFrom(`${key}u`, 10)}`;
    case "FEDEX":
      return digitsFrom(key, 12);
    case "ROYAL_MAIL":
      return `${lettersFrom(key, 2)}${digitsFrom(key, 9)}GB`;
    case "DPD":
      return digitsFrom(key, 14);
    case "EVRI":
      return `H${lettersFrom(key, 2)}${digitsFrom(key, 13)}`;
    case "DHL":
      return `GM${digitsFrom(key, 16)}`;
    case "GENERIC":
      return `TT${digitsFrom(key, 14)}`;
  }
}

const formatPatterns: Record<TrackingFormat, RegExp> = {
  USPS: /^(\d{20,22}|[A-Z]{2}\d{9}US)$/,
  UPS: /^1Z[0-9A-Z]{16}$/,
  FEDEX: /^(\d{12}|\d{15}|\d{20}|\d{22})$/,
  ROYAL_MAIL: /^[A-Z]{2}\d{9}GB$/,
  DPD: /^\d{14}$/,
  EVRI: /^[A-Z0-9]{16}$/,
  DHL: /^[A-Z0-9]{10,39}$/,
  GENERIC: /^[A-Z0-9-]{6,40}$/,
};

/** Whether a seller-supplied tracking number has the carrier's usual shape (a mismatch is only a warning). */
export function looksLikeTrackingNumber(format: TrackingFormat, trackingNumber: string): boolean {
  return formatPatterns[format].test(trackingNumber.trim().toUpperCase());
}
