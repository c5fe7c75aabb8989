import { app } from "./setup.ts";

// Exchange the `code` from the authorization redirect, then find the shops it covers.
export async function connect(code: string) {
  const grant = await app.tokens.exchangeAuthCode(code);
  const seller = app.shop({ accessToken: grant.accessToken });
  const { shops } = await seller.authorization.getAuthorizedShops();
  return shops.map((shop) => ({
    shop,
    client: app.shop({ accessToken: grant.accessToken, shopCipher: shop.cipher }),
  }));
}
