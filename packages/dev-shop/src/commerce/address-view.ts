import type { Address } from "./state.ts";

/**
 * Addresses on the wire. Phone numbers are always masked, as TikTok masks them; while an order
 * is UNPAID or ON_HOLD the recipient is withheld altogether (only the country remains), because
 * the buyer may still cancel and TikTok does not release personal data before that window ends.
 */

export function maskPhone(phone: string): string {
  const match = /^\+(1|44)(\d+)$/.exec(phone);
  if (!match) return phone.length > 4 ? `${"*".repeat(phone.length - 4)}${phone.slice(-4)}` : phone;
  const [, country, rest = ""] = match;
  if (country === "1") return `(+1)${rest.slice(0, 3)}-***-${rest.slice(-4)}`;
  return `(+44)${rest.slice(0, 2)}*****${rest.slice(-3)}`;
}

export function fullAddress(address: Address): string {
  return [
    address.addressLine1,
    address.addressLine2,
    address.city,
    address.state,
    address.postalCode,
    address.country,
  ]
    .filter((part) => part !== "")
    .join(", ");
}

export function renderRecipientAddress(address: Address, withheld: boolean): Record<string, unknown> {
  if (withheld) {
    return {
      name: "",
      first_name: "",
      last_name: "",
      first_name_local_script: "",
      last_name_local_script: "",
      phone_number: "",
      full_address: "",
      address_detail: "",
      address_line1: "",
      address_line2: "",
      address_line3: "",
      address_line4: "",
      postal_code: "",
      region_code: address.regionCode,
      post_town: "",
      district_info: [],
      delivery_preferences: { drop_off_location: "" },
    };
  }
  const isGb = address.regionCode === "GB";
  return {
    name: address.name,
    first_name: address.firstName,
    last_name: address.lastName,
    first_name_local_script: "",
    last_name_local_script: "",
    phone_number: maskPhone(address.phone),
    full_address: fullAddress(address),
    address_detail: address.addressLine2,
    address_line1: address.addressLine1,
    address_line2: address.addressLine2,
    address_line3: "",
    address_line4: "",
    postal_code: address.postalCode,
    region_code: address.regionCode,
    post_town: isGb ? address.city : "",
    district_info: [
      { address_level: "L0", address_level_name: "Country", address_name: address.country },
      { address_level: "L1", address_level_name: isGb ? "County" : "State", address_name: address.state },
      { address_level: "L3", address_level_name: isGb ? "Post town" : "City", address_name: address.city },
    ],
    delivery_preferences: { drop_off_location: "" },
  };
}

/** A warehouse or sender address in the same recipient-address shape. */
export function renderSenderAddress(address: Address): Record<string, unknown> {
  return renderRecipientAddress(address, false);
}
