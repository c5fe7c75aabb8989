import { providerIdsForOption, providersForRegion } from "../carriers.ts";
import { nextId } from "../ids.ts";
import type { Rng } from "../rng.ts";
import type { Address, CommerceState, DeliveryOption, ShippingProvider, Warehouse } from "../state.ts";

/**
 * Warehouses, delivery options and carriers of one shop. Every local shop gets two sales
 * warehouses and one return warehouse in real logistics hubs of its market; every sales
 * warehouse offers the market's TikTok delivery options plus seller shipping.
 */

interface Site {
  city: string;
  state: string;
  postalCode: string;
  street: string;
  latitude: string;
  longitude: string;
}

const sites: Record<string, Site[]> = {
  US: [
    {
      city: "Los Angeles",
      state: "California",
      postalCode: "90021",
      street: "1200 E 7th St",
      latitude: "34.0336",
      longitude: "-118.2391",
    },
    {
      city: "Dallas",
      state: "Texas",
      postalCode: "75247",
      street: "2450 Irving Blvd",
      latitude: "32.8002",
      longitude: "-96.8601",
    },
    {
      city: "Edison",
      state: "New Jersey",
      postalCode: "08837",
      street: "300 Raritan Center Pkwy",
      latitude: "40.5187",
      longitude: "-74.3410",
    },
    {
      city: "Chicago",
      state: "Illinois",
      postalCode: "60638",
      street: "5800 W 65th St",
      latitude: "41.7740",
      longitude: "-87.7700",
    },
  ],
  GB: [
    {
      city: "Milton Keynes",
      state: "Buckinghamshire",
      postalCode: "MK1 1DR",
      street: "Unit 4, Denbigh Road",
      latitude: "52.0060",
      longitude: "-0.7330",
    },
    {
      city: "Manchester",
      state: "Greater Manchester",
      postalCode: "M17 1PG",
      street: "Trafford Park, Westinghouse Rd",
      latitude: "53.4670",
      longitude: "-2.3230",
    },
    {
      city: "Coventry",
      state: "West Midlands",
      postalCode: "CV3 4FJ",
      street: "Siskin Parkway East",
      latitude: "52.3680",
      longitude: "-1.4880",
    },
    {
      city: "Daventry",
      state: "Northamptonshire",
      postalCode: "NN11 8YL",
      street: "DIRFT, Danes Way",
      latitude: "52.3330",
      longitude: "-1.1820",
    },
  ],
};

const countries: Record<string, string> = { US: "United States", GB: "United Kingdom" };
const phonePrefix: Record<string, string> = { US: "+1", GB: "+44" };

export function countryName(region: string): string {
  return countries[region] ?? region;
}

export function regionPhonePrefix(region: string): string {
  return phonePrefix[region] ?? "+1";
}

const fallbackSites: Site[] = [
  {
    city: "Capital City",
    state: "Central",
    postalCode: "10000",
    street: "1 Logistics Way",
    latitude: "0.0000",
    longitude: "0.0000",
  },
  {
    city: "Harbour Town",
    state: "Coast",
    postalCode: "20000",
    street: "2 Port Road",
    latitude: "0.0000",
    longitude: "0.0000",
  },
  {
    city: "Riverside",
    state: "Valley",
    postalCode: "30000",
    street: "3 Depot Lane",
    latitude: "0.0000",
    longitude: "0.0000",
  },
];

function siteAddress(site: Site, region: string, contact: string, phoneDigits: string): Address {
  const [firstName = contact, lastName = ""] = contact.split(" ");
  return {
    name: contact,
    firstName,
    lastName,
    phone: `${regionPhonePrefix(region)}${phoneDigits}`,
    addressLine1: site.street,
    addressLine2: "",
    city: site.city,
    state: site.state,
    postalCode: site.postalCode,
    regionCode: region,
    country: countryName(region),
  };
}

export interface ShopLogistics {
  warehouses: Warehouse[];
  deliveryOptions: DeliveryOption[];
  shippingProviders: ShippingProvider[];
}

export function buildLogistics(
  state: CommerceState,
  shop: { region: string; sellerType: "LOCAL" | "CROSS_BORDER" },
  rng: Rng,
): ShopLogistics {
  // Shuffled deterministically so that shops of one market do not all share the same hubs.
  const regionSites = rng.shuffle(sites[shop.region] ?? fallbackSites);
  const subType = shop.sellerType === "CROSS_BORDER" ? "CB_OVERSEA_WAREHOUSE" : "DOMESTIC_WAREHOUSE";
  const entityId = nextId(state, "entity");
  const contacts = ["Jordan Reed", "Sam Patel", "Alex Morgan"];
  const kinds: Array<{ type: Warehouse["type"]; label: string }> = [
    { type: "SALES_WAREHOUSE", label: "Fulfilment Centre" },
    { type: "SALES_WAREHOUSE", label: "Fulfilment Centre" },
    { type: "RETURN_WAREHOUSE", label: "Returns Centre" },
  ];
  const warehouses: Warehouse[] = kinds.map((kind, index) => {
    const site = regionSites[index % regionSites.length]!;
    const phoneDigits = String(rng.int(200_000_0000, 989_999_9999));
    return {
      id: nextId(state, "warehouse"),
      entityId,
      name: `${site.city} ${kind.label}`,
      type: kind.type,
      subType,
      effectStatus: "ENABLED",
      // The first sales warehouse and the return warehouse are the defaults of their type.
      isDefault: index !== 1,
      address: siteAddress(site, shop.region, contacts[index] ?? "Warehouse Team", phoneDigits),
      geolocation: { latitude: site.latitude, longitude: site.longitude },
    };
  });
  const salesIds = warehouses.filter((w) => w.type === "SALES_WAREHOUSE").map((w) => w.id);
  const specs: Array<Pick<DeliveryOption, "name" | "type" | "description" | "transitDays">> = [
    {
      name: "Standard Shipping",
      type: "STANDARD",
      description: "Delivered in 3-5 business days.",
      transitDays: { min: 3, max: 5 },
    },
    {
      name: "Express Shipping",
      type: "EXPRESS",
      description: "Delivered in 1-2 business days.",
      transitDays: { min: 1, max: 2 },
    },
    {
      name: "Economy Shipping",
      type: "ECONOMY",
      description: "Delivered in 5-8 business days.",
      transitDays: { min: 5, max: 8 },
    },
    {
      name: "Shipped by seller",
      type: "SEND_BY_SELLER",
      description: "The seller ships with a carrier of its choice.",
      transitDays: { min: 2, max: 6 },
    },
  ];
  const deliveryOptions: DeliveryOption[] = specs.map((spec) => ({
    ...spec,
    id: nextId(state, "deliveryOption"),
    warehouseIds: salesIds,
    providerIds: providerIdsForOption(shop.region, spec.type),
    maxDimensionCm: 150,
    maxWeightGrams: 30_000,
  }));
  return { warehouses, deliveryOptions, shippingProviders: providersForRegion(shop.region) };
}
