/** Ports of the end-to-end stack, apart from the ones `pnpm dev` uses so both can run at once. */
export const e2ePorts = {
  devShop: Number(process.env.E2E_DEV_SHOP_PORT ?? 9100),
  oms: Number(process.env.E2E_OMS_PORT ?? 5113),
  finance: Number(process.env.E2E_FINANCE_PORT ?? 5114),
};

export const devShopUrl = `http://127.0.0.1:${e2ePorts.devShop}`;
export const omsUrl = `http://127.0.0.1:${e2ePorts.oms}`;
export const financeUrl = `http://127.0.0.1:${e2ePorts.finance}`;
