import type { Faker } from "@faker-js/faker";
import { nextId } from "../ids.ts";
import { fromMinor } from "../money.ts";
import type { Rng } from "../rng.ts";
import type {
  CategoryNode,
  CommerceState,
  Product,
  ProductStatus,
  SalesAttribute,
  ShopCommerce,
  Sku,
} from "../state.ts";

/**
 * The seeded catalog: products in a small category tree, one to six SKUs each (colour and/or
 * size variants), prices in the shop currency, stock in one or both sales warehouses, and a mix
 * of listing statuses weighted towards live products.
 */

interface CategorySpec {
  chain: Array<[string, string]>;
  nouns: string[];
  priceRange: [number, number];
  weightGrams: [number, number];
  sizes?: string[];
}

const categories: CategorySpec[] = [
  {
    chain: [
      ["600001", "Home Supplies"],
      ["600942", "Kitchenware"],
      ["601352", "Drinkware"],
    ],
    nouns: ["Water Bottle", "Travel Mug", "Tumbler", "Coffee Cup"],
    priceRange: [9, 39],
    weightGrams: [200, 700],
  },
  {
    chain: [
      ["601450", "Beauty & Personal Care"],
      ["601467", "Skincare"],
      ["601501", "Face Masks"],
    ],
    nouns: ["Sheet Mask Set", "Clay Mask", "Hydrating Mask", "Overnight Mask"],
    priceRange: [7, 29],
    weightGrams: [80, 300],
  },
  {
    chain: [
      ["605196", "Fashion Accessories"],
      ["605248", "Bags"],
      ["605263", "Tote Bags"],
    ],
    nouns: ["Tote Bag", "Shopper", "Canvas Bag", "Market Bag"],
    priceRange: [14, 59],
    weightGrams: [250, 900],
  },
  {
    chain: [
      ["603014", "Sports & Outdoor"],
      ["603078", "Fitness Equipment"],
      ["603092", "Yoga Mats"],
    ],
    nouns: ["Yoga Mat", "Exercise Mat", "Travel Mat"],
    priceRange: [19, 69],
    weightGrams: [900, 2200],
  },
  {
    chain: [
      ["601739", "Phones & Electronics"],
      ["601755", "Phone Accessories"],
      ["601772", "Phone Cases"],
    ],
    nouns: ["Phone Case", "MagSafe Case", "Bumper Case"],
    priceRange: [8, 34],
    weightGrams: [40, 150],
  },
  {
    chain: [
      ["604206", "Womenswear & Underwear"],
      ["604231", "Tops"],
      ["604257", "T-shirts"],
    ],
    nouns: ["T-Shirt", "Crop Tee", "Oversized Tee", "Long Sleeve Top"],
    priceRange: [12, 44],
    weightGrams: [150, 350],
    sizes: ["XS", "S", "M", "L", "XL"],
  },
  {
    chain: [
      ["602118", "Pet Supplies"],
      ["602133", "Dog Supplies"],
      ["602150", "Dog Toys"],
    ],
    nouns: ["Chew Toy", "Rope Toy", "Squeaky Ball", "Puzzle Feeder"],
    priceRange: [6, 24],
    weightGrams: [100, 500],
  },
];

const colours = ["Black", "White", "Sage Green", "Dusty Pink", "Navy", "Sand", "Terracotta", "Sky Blue"];

const statusWeights: Array<readonly [ProductStatus, number]> = [
  ["ACTIVATE", 84],
  ["SELLER_DEACTIVATED", 5],
  ["PENDING", 2],
  ["FAILED", 2],
  ["DRAFT", 2],
  ["DELETED", 3],
  ["PLATFORM_DEACTIVATED", 1],
  ["FREEZE", 1],
];

function chainOf(spec: CategorySpec): CategoryNode[] {
  return spec.chain.map(([id, name], index) => ({
    id,
    parentId: index === 0 ? "0" : spec.chain[index - 1]![0],
    localName: name,
    isLeaf: index === spec.chain.length - 1,
  }));
}

/** A price like 24.99 in minor units, always ending in 99 (or 49) cents. */
function price(rng: Rng, [min, max]: [number, number]): number {
  return rng.int(min, max) * 100 + (rng.chance(0.8) ? 99 : 49);
}

export function seedProducts(
  state: CommerceState,
  shop: ShopCommerce,
  count: number,
  now: number,
  faker: Faker,
  rng: Rng,
): Product[] {
  const sales = shop.warehouses.filter((w) => w.type === "SALES_WAREHOUSE");
  const brands = Array.from({ length: 4 }, () => ({
    id: nextId(state, "brand"),
    name: faker.company.name(),
  }));
  const products: Product[] = [];
  for (let i = 0; i < count; i++) {
    const spec = categories[i % categories.length]!;
    const id = nextId(state, "product");
    const noun = rng.pick(spec.nouns);
    const title = `${faker.commerce.productAdjective()} ${faker.commerce.productMaterial()} ${noun}`;
    const basePrice = price(rng, spec.priceRange);
    const colourCount = rng.weighted([
      [1, 3],
      [2, 3],
      [3, 2],
    ] as const);
    const productColours = rng.shuffle(colours).slice(0, colourCount);
    const sizes = spec.sizes ? spec.sizes.slice(rng.int(0, 1), rng.int(3, spec.sizes.length)) : [""];
    const skus: Sku[] = [];
    for (const colour of productColours) {
      for (const size of sizes) {
        if (skus.length >= 6) break;
        const skuId = nextId(state, "sku");
        const attributes: SalesAttribute[] = [
          {
            id: "100000",
            name: "Color",
            valueId: String(7000000 + colours.indexOf(colour)),
            valueName: colour,
          },
        ];
        if (size)
          attributes.push({
            id: "100007",
            name: "Size",
            valueId: String(7100000 + sizes.indexOf(size)),
            valueName: size,
          });
        const inBoth = sales.length > 1 && rng.chance(0.7);
        const warehouses = inBoth ? sales : [rng.pick(sales)];
        const outOfStock = rng.chance(0.05);
        skus.push({
          id: skuId,
          sellerSku: `${noun
            .replace(/[^A-Za-z]/g, "")
            .slice(0, 6)
            .toUpperCase()}-${String(i + 1).padStart(3, "0")}-${colour.slice(0, 3).toUpperCase()}${size ? `-${size}` : ""}`,
          price: fromMinor(basePrice + (size === "XL" ? 200 : 0), shop.currency),
          listPrice: rng.chance(0.3) ? fromMinor(basePrice + rng.int(3, 15) * 100, shop.currency) : null,
          salesAttributes: attributes,
          stock: warehouses.map((w) => ({
            warehouseId: w.id,
            available: outOfStock ? 0 : rng.int(5, 400),
            committed: 0,
          })),
          status: "NORMAL",
          imageUrl: `/static/products/${skuId}.svg`,
          identifierCode: rng.chance(0.6)
            ? { code: String(rng.int(100000, 999999)) + String(rng.int(100000, 999999)), type: "UPC" }
            : null,
        });
      }
    }
    const status = rng.weighted(statusWeights);
    const createTime = now - rng.int(95, 420) * 86400 - rng.int(0, 86399);
    const grams = rng.int(...spec.weightGrams);
    products.push({
      id,
      title,
      description: `<p>${faker.commerce.productDescription()}</p><ul><li>${faker.commerce.productMaterial()} construction</li><li>Ships from ${sales[0]?.address.city ?? "our warehouse"}</li></ul>`,
      status,
      auditStatus:
        status === "PENDING"
          ? "AUDITING"
          : status === "FAILED"
            ? "FAILED"
            : status === "DRAFT"
              ? "NONE"
              : "APPROVED",
      auditDueAt: status === "PENDING" ? now + rng.int(1, 30) * 60 : null,
      categoryChain: chainOf(spec),
      brand: rng.chance(0.7) ? rng.pick(brands) : null,
      imageUrls: [`/static/products/${id}.svg`],
      // Weights, not money: a float formatted once is fine here.
      packageWeight:
        shop.region === "US"
          ? { value: (grams / 453.592).toFixed(2), unit: "POUND" }
          : { value: (grams / 1000).toFixed(2), unit: "KILOGRAM" },
      packageDimensions:
        shop.region === "US"
          ? {
              length: String(rng.int(4, 16)),
              width: String(rng.int(3, 12)),
              height: String(rng.int(1, 6)),
              unit: "INCH",
            }
          : {
              length: String(rng.int(10, 40)),
              width: String(rng.int(8, 30)),
              height: String(rng.int(2, 15)),
              unit: "CENTIMETER",
            },
      isCodAllowed: false,
      isNotForSale: false,
      skus,
      createTime,
      updateTime: createTime + rng.int(0, now - createTime - 3600),
    });
  }
  return products;
}
