import type { Faker } from "@faker-js/faker";
import { faker as fakerGb } from "@faker-js/faker/locale/en_GB";
import { faker as fakerUs } from "@faker-js/faker/locale/en_US";
import { nextId } from "../ids.ts";
import type { Rng } from "../rng.ts";
import type { Address, Buyer, CommerceState } from "../state.ts";
import { countryName } from "./logistics.ts";

/** Buyers of the simulation: a name, a relay e-mail and a real-looking address of the market. */

export function fakerFor(region: string, seed: number): Faker {
  const instance = region === "GB" ? fakerGb : fakerUs;
  instance.seed(seed);
  return instance;
}

function address(region: string, faker: Faker, rng: Rng): Address {
  const firstName = faker.person.firstName();
  const lastName = faker.person.lastName();
  const digits = (count: number) => Array.from({ length: count }, () => rng.int(0, 9)).join("");
  const isGb = region === "GB";
  return {
    name: `${firstName} ${lastName}`,
    firstName,
    lastName,
    phone: isGb ? `+447${digits(9)}` : `+1${rng.int(201, 989)}${rng.int(200, 989)}${digits(4)}`,
    addressLine1: faker.location.streetAddress(),
    addressLine2: rng.chance(0.2) ? faker.location.secondaryAddress() : "",
    city: faker.location.city(),
    state: isGb ? faker.location.county() : faker.location.state(),
    postalCode: faker.location.zipCode(),
    regionCode: region,
    country: countryName(region),
  };
}

export function makeBuyer(state: CommerceState, region: string, faker: Faker, rng: Rng): Buyer {
  const relay = Array.from({ length: 16 }, () => "abcdefghijklmnopqrstuvwxyz0123456789"[rng.int(0, 35)]).join(
    "",
  );
  return {
    userId: nextId(state, "buyer"),
    email: `v2${relay}@scs.tiktokw.${region === "US" ? "us" : "eu"}`,
    address: address(region, faker, rng),
  };
}
