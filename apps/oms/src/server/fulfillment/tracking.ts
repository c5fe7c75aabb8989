import { FulfillmentError } from "./errors.ts";

/**
 * Tracking number checks before anything is sent to TikTok. Hard rules (a value TikTok or any
 * carrier would refuse): not empty, letters, digits and hyphens only, 6 to 40 characters. Carrier
 * formats (published by the carriers themselves) are softer: a mismatch is usually a typo, so the
 * seller must confirm it; TikTok then answers with its own `warning`.
 */

interface CarrierFormat {
  /** Matched against the TikTok shipping provider's name, case-insensitively. */
  name: RegExp;
  label: string;
  pattern: RegExp;
  describe: string;
}

const CARRIER_FORMATS: CarrierFormat[] = [
  {
    name: /\busps\b/i,
    label: "USPS",
    pattern: /^(\d{20,22}|[A-Z]{2}\d{9}US)$/,
    describe: "20 to 22 digits, or 2 letters, 9 digits and US",
  },
  {
    name: /\bups\b/i,
    label: "UPS",
    pattern: /^1Z[0-9A-Z]{16}$/,
    describe: "1Z followed by 16 letters or digits",
  },
  {
    name: /\bfedex\b/i,
    label: "FedEx",
    pattern: /^(\d{12}|\d{15}|\d{20}|\d{22})$/,
    describe: "12, 15, 20 or 22 digits",
  },
  {
    name: /royal mail/i,
    label: "Royal Mail",
    pattern: /^[A-Z]{2}\d{9}GB$/,
    describe: "2 letters, 9 digits and GB",
  },
  { name: /\bdpd\b/i, label: "DPD", pattern: /^\d{14}$/, describe: "14 digits" },
  {
    name: /\bevri\b/i,
    label: "Evri",
    pattern: /^[A-Z0-9]{16}$/,
    describe: "16 letters or digits",
  },
  {
    name: /\bdhl\b/i,
    label: "DHL",
    pattern: /^[A-Z0-9]{10,39}$/,
    describe: "10 to 39 letters or digits",
  },
];

export interface TrackingCheck {
  /** Normalized: trimmed, inner spaces removed, upper case. */
  trackingNumber: string;
  /** Set when the number does not have the carrier's usual shape. */
  unusual?: { carrier: string; expected: string };
}

/** Normalizes and checks a tracking number; throws a FulfillmentError on a hard failure. */
export function checkTrackingNumber(raw: unknown, carrierName: string | null): TrackingCheck {
  const value = typeof raw === "string" ? raw.trim().replace(/\s+/g, "").toUpperCase() : "";
  if (value === "") {
    throw new FulfillmentError(400, "tracking_missing", "Enter the tracking number the carrier gave you.", {
      field: "trackingNumber",
    });
  }
  if (!/^[A-Z0-9-]+$/.test(value)) {
    throw new FulfillmentError(
      400,
      "tracking_invalid",
      `The tracking number "${value.slice(0, 40)}" has characters carriers never use: use only letters, digits and hyphens.`,
      { field: "trackingNumber" },
    );
  }
  if (value.length < 6 || value.length > 40) {
    throw new FulfillmentError(
      400,
      "tracking_invalid",
      `The tracking number "${value.slice(0, 40)}" is ${value.length} characters long; tracking numbers have 6 to 40.`,
      { field: "trackingNumber" },
    );
  }
  const format = carrierName ? CARRIER_FORMATS.find((f) => f.name.test(carrierName)) : undefined;
  if (format && !format.pattern.test(value)) {
    return { trackingNumber: value, unusual: { carrier: format.label, expected: format.describe } };
  }
  return { trackingNumber: value };
}

/**
 * Like checkTrackingNumber, but an unusual number is refused unless the seller confirmed it: the
 * refusal says what the carrier's numbers look like.
 */
export function requireTrackingNumber(raw: unknown, carrierName: string | null, confirmed: boolean): string {
  const check = checkTrackingNumber(raw, carrierName);
  if (check.unusual && !confirmed) {
    throw new FulfillmentError(
      422,
      "tracking_unusual",
      `"${check.trackingNumber}" does not look like a ${check.unusual.carrier} tracking number (${check.unusual.expected}). Check it, or confirm to send it anyway.`,
      { field: "trackingNumber", carrier: check.unusual.carrier, expected: check.unusual.expected },
    );
  }
  return check.trackingNumber;
}
