import { numericId, pick, seededRandom, shopCipher, shopCode } from "../ids.ts";
import type { PlatformState, Seller, Shop } from "./platform.ts";

/**
 * The platform half of the seed: two test sellers and three shops, the same for the same seed.
 * Seller 1 is a local seller with a US shop and a GB shop; seller 2 is a Chinese cross-border
 * seller selling into GB. Partner apps are not seeded: they come from the app registrations.
 */

export const SEED_PASSWORD = "devshop";

const BRANDS = [
  "Maple & Pine",
  "Harbor Lane",
  "Juniper Goods",
  "Bright Oak",
  "Northwind Supply",
  "Cobalt Crate",
];
const CROSS_BORDER_BRANDS = ["Lumen Trading", "Jade River Store", "Silk Road Gadgets", "Peony Home"];
const OWNER_NAMES = ["Alex Morgan", "Sam Carter", "Jordan Lee", "Taylor Brooks", "Casey Quinn"];
const CROSS_BORDER_OWNERS = ["Li Wei", "Chen Jing", "Wang Fang", "Zhang Min"];

export function seedPlatform(seed: number): PlatformState {
  const random = seededRandom(seed);
  const brand = pick(random, BRANDS);
  const crossBorderBrand = pick(random, CROSS_BORDER_BRANDS);

  const seller1: Seller = {
    id: numericId(random),
    email: "seller1@dev.shop",
    password: SEED_PASSWORD,
    name: pick(random, OWNER_NAMES),
    baseRegion: "US",
  };
  const seller2: Seller = {
    id: numericId(random),
    email: "seller2@dev.shop",
    password: SEED_PASSWORD,
    name: pick(random, CROSS_BORDER_OWNERS),
    baseRegion: "CN",
  };

  const shop = (
    seller: Seller,
    name: string,
    region: string,
    sellerType: Shop["sellerType"],
    currency: string,
  ) => ({
    id: numericId(random),
    sellerId: seller.id,
    name,
    region,
    sellerType,
    cipher: shopCipher(region, random),
    code: shopCode(region, sellerType, seller.baseRegion, random),
    currency,
  });

  const shops: Shop[] = [
    shop(seller1, `${brand} US`, "US", "LOCAL", "USD"),
    shop(seller1, `${brand} UK`, "GB", "LOCAL", "GBP"),
    shop(seller2, `${crossBorderBrand} UK`, "GB", "CROSS_BORDER", "GBP"),
  ];

  return {
    sellers: [seller1, seller2],
    shops,
    apps: [],
    authorizations: [],
    authCodes: [],
    tokens: [],
    webhookDeliveries: [],
    shopWebhooks: {},
  };
}
