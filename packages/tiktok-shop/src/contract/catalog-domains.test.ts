import { describe, expect, it } from "vitest";
import { z } from "zod";
import { customerService } from "./customer-service.ts";
import type { AnyEndpoint } from "./define.ts";
import { finance } from "./finance.ts";
import { product } from "./product.ts";
import { promotion } from "./promotion.ts";
import { allScopes } from "./scopes.ts";

const domains = { product, finance, customerService, promotion } as Record<
  string,
  Record<string, AnyEndpoint>
>;
const all = Object.entries(domains).flatMap(([domain, endpoints]) =>
  Object.entries(endpoints).map(([key, endpoint]) => ({ domain, key, endpoint })),
);

function shapeKeys(schema: z.ZodType): string[] {
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}

describe("catalog-domain contract structure", () => {
  it.each(all.map((entry) => [`${entry.domain}.${entry.key}`, entry] as const))(
    "%s is well formed",
    (_, entry) => {
      const { key, endpoint } = entry;
      expect(endpoint.name).toBe(key);
      expect(endpoint.path).toMatch(/^\/(product|finance|customer_service|promotion)\/\d{6}\//);
      expect(endpoint.summary.length).toBeGreaterThan(10);
      expect(endpoint.summary).not.toContain("\n");
      expect(allScopes).toContain(endpoint.scope);
      if (endpoint.method === "GET") expect(endpoint.safety).toBe("read");
      const tokenInQuery = shapeKeys(endpoint.query).includes("page_token");
      const tokenInBody = shapeKeys(endpoint.body).includes("page_token");
      if (tokenInQuery || tokenInBody) {
        expect(endpoint.pagination?.tokenIn).toBe(tokenInQuery ? "query" : "body");
      } else {
        expect(endpoint.pagination).toBeUndefined();
      }
      for (const common of ["app_key", "timestamp", "sign", "shop_cipher", "access_token"]) {
        expect(shapeKeys(endpoint.query)).not.toContain(common);
      }
    },
  );

  it("has one endpoint per method and path", () => {
    const routes = all.map(({ endpoint }) => `${endpoint.method} ${endpoint.path}`);
    expect(new Set(routes).size).toBe(routes.length);
  });

  it("refuses shop_cipher exactly where TikTok rejects it", () => {
    const refused = all
      .filter(({ endpoint }) => endpoint.cipher === "refused")
      .map(({ endpoint }) => endpoint.path);
    for (const path of refused) {
      expect(path).toMatch(/\/(images\/upload|files\/upload|brands|global_products|global_categories)/);
    }
    expect(product.createCustomBrand.cipher).toBe("refused");
    expect(product.getBrands.cipher).toBe("required");
    expect(product.uploadProductImage.cipher).toBe("refused");
    expect(product.uploadProductFile.cipher).toBe("refused");
    expect(customerService.uploadBuyerMessagesImage.cipher).toBe("optional");
    expect(customerService.getCustomerServicePerformance.cipher).toBe("required");
    for (const endpoint of [...Object.values(finance), ...Object.values(promotion)]) {
      expect(endpoint.cipher).toBe("required");
    }
  });

  it("marks POST searches and checks as reads and create product as idempotent", () => {
    for (const endpoint of [
      product.searchProducts,
      product.searchProducts202502,
      product.inventorySearch,
      product.recommendCategory,
      product.checkProductListing,
      promotion.searchActivities,
      promotion.searchCoupons,
    ]) {
      expect(endpoint.method).toBe("POST");
      expect(endpoint.safety).toBe("read");
    }
    expect(product.createProduct.safety).toBe("idempotent-write");
    for (const endpoint of [
      product.updatePrice,
      product.updateInventory,
      product.editProduct,
      product.partialEditProduct,
      customerService.updateAgentSettings,
      promotion.updateActivity,
    ]) {
      expect(endpoint.safety).toBe("write");
    }
  });

  it("uses the scope of each domain", () => {
    expect(product.deleteProducts.scope).toBe("seller.product.delete");
    expect(product.getProduct.scope).toBe("seller.product.basic");
    expect(product.updatePrice.scope).toBe("seller.product.write");
    expect(finance.getStatements.scope).toBe("seller.finance.info");
    expect(customerService.sendMessage.scope).toBe("seller.customer_service");
    expect(promotion.getActivity.scope).toBe("seller.promotion.info");
    expect(promotion.createActivity.scope).toBe("seller.promotion.write");
  });

  it("marks uploads as multipart with the file in `data`", () => {
    for (const endpoint of [
      product.uploadProductImage,
      product.uploadProductFile,
      customerService.uploadBuyerMessagesImage,
    ]) {
      expect(endpoint.multipart).toBe(true);
      expect(shapeKeys(endpoint.body)).toContain("data");
    }
    const image = new Blob([new Uint8Array([0xff, 0xd8, 0xff])], { type: "image/jpeg" });
    expect(product.uploadProductImage.body.safeParse({ data: image, use_case: "MAIN_IMAGE" }).success).toBe(
      true,
    );
    expect(product.uploadProductImage.body.safeParse({ data: image, use_case: "COVER" }).success).toBe(false);
    expect(product.uploadProductImage.body.safeParse({ data: "not a file" }).success).toBe(false);
  });
});

describe("product", () => {
  // LIVE VN sandbox create that succeeded; `list_price` was elided in the reference.
  const liveCreate = {
    description: "...",
    category_id: "605254",
    category_version: "v2",
    title: "...",
    main_images: [{ uri: "tos-alisg-i-aphluv4xwc-sg/..." }],
    skus: [
      {
        seller_sku: "water-bottle-100ml",
        inventory: [{ warehouse_id: "7657265511696664340", quantity: 100 }],
        price: { amount: "100000", currency: "VND" },
        list_price: { amount: "120000", currency: "VND" },
      },
    ],
    product_attributes: [
      { id: "100149", values: [{ id: "1000854" }] },
      { id: "101489", values: [{ name: "Fujiwa" }] },
    ],
    package_weight: { value: "500", unit: "GRAM" },
  };

  it("accepts the LIVE minimal create body and its response", () => {
    const body = product.createProduct.body.parse(liveCreate);
    expect(body.skus[0]?.inventory[0]?.quantity).toBe(100);
    expect(body.product_attributes?.[1]?.values[0]?.name).toBe("Fujiwa");
    const data = product.createProduct.response.parse({
      product_id: "1736405947247986307",
      skus: [{ id: "1736405690908575363", seller_sku: "water-bottle-100ml" }],
      warnings: [],
    });
    expect(data.skus[0]?.id).toBe("1736405690908575363");
    // The same body is what the listing check dry-runs.
    expect(product.checkProductListing.body.safeParse(liveCreate).success).toBe(true);
  });

  it("keeps idempotency_key in the create body and enforces its length", () => {
    expect(product.createProduct.body.parse({ ...liveCreate, idempotency_key: "k-1" }).idempotency_key).toBe(
      "k-1",
    );
    expect(
      product.createProduct.body.safeParse({ ...liveCreate, idempotency_key: "k".repeat(129) }).success,
    ).toBe(false);
    expect(shapeKeys(product.editProduct.body)).not.toContain("idempotency_key");
  });

  it("enforces create limits: SKUs, seller_sku length, images, required parts", () => {
    const sku = liveCreate.skus[0];
    const tooMany = Array.from({ length: 101 }, (_, i) => ({ ...sku, seller_sku: `sku-${i}` }));
    expect(product.createProduct.body.safeParse({ ...liveCreate, skus: tooMany }).success).toBe(false);
    expect(product.createProduct.body.safeParse({ ...liveCreate, skus: tooMany.slice(0, 100) }).success).toBe(
      true,
    );
    expect(
      product.createProduct.body.safeParse({ ...liveCreate, skus: [{ ...sku, seller_sku: "x".repeat(51) }] })
        .success,
    ).toBe(false);
    expect(product.createProduct.body.safeParse({ ...liveCreate, skus: [] }).success).toBe(false);
    const { main_images: _, ...noImages } = liveCreate;
    expect(product.createProduct.body.safeParse(noImages).success).toBe(false);
    const tenImages = Array.from({ length: 10 }, () => ({ uri: "tos/x" }));
    expect(product.createProduct.body.safeParse({ ...liveCreate, main_images: tenImages }).success).toBe(
      false,
    );
  });

  it("caps batch product ids at 20", () => {
    const ids = (n: number) => Array.from({ length: n }, (_, i) => String(1729000000000000000n + BigInt(i)));
    for (const endpoint of [
      product.activateProducts,
      product.deactivateProducts,
      product.deleteProducts,
      product.recoverProducts,
    ]) {
      expect(endpoint.body.safeParse({ product_ids: ids(20) }).success).toBe(true);
      expect(endpoint.body.safeParse({ product_ids: ids(21) }).success).toBe(false);
      expect(endpoint.body.safeParse({ product_ids: [] }).success).toBe(false);
    }
    expect(product.deleteProducts.method).toBe("DELETE");
  });

  it("bounds inventory updates to 0-99,999 per warehouse", () => {
    const body = (quantity: number) => ({
      skus: [{ id: "1729", inventory: [{ warehouse_id: "7001", quantity }] }],
    });
    expect(product.updateInventory.body.safeParse(body(0)).success).toBe(true);
    expect(product.updateInventory.body.safeParse(body(99_999)).success).toBe(true);
    expect(product.updateInventory.body.safeParse(body(100_000)).success).toBe(false);
    expect(product.updateInventory.body.safeParse(body(-1)).success).toBe(false);
    expect(product.updateInventory.body.safeParse(body(1.5)).success).toBe(false);
  });

  it("reads batch errors and the empty success of writes", () => {
    expect(product.updateInventory.response.parse({}).errors).toEqual([]);
    const data = product.activateProducts.response.parse({
      errors: [{ code: 12052901, message: "status invalid", detail: { product_id: "1729" } }],
    });
    expect(data.errors[0]?.detail?.product_id).toBe("1729");
    expect(product.updatePrice.response.parse({})).toEqual({});
  });

  it("needs product_ids or sku_ids for inventory search, within their limits", () => {
    expect(product.inventorySearch.body.safeParse({}).success).toBe(false);
    expect(product.inventorySearch.body.safeParse({ product_ids: ["1"] }).success).toBe(true);
    const skus = Array.from({ length: 601 }, (_, i) => String(i + 1));
    expect(product.inventorySearch.body.safeParse({ sku_ids: skus }).success).toBe(false);
    expect(product.inventorySearch.body.safeParse({ sku_ids: skus.slice(0, 600) }).success).toBe(true);
  });

  it("coerces paging and booleans from query strings", () => {
    const query = product.searchProducts.query.parse({ page_size: "100", page_token: "b2Zmc2V0PTAK" });
    expect(query.page_size).toBe(100);
    expect(product.searchProducts.query.safeParse({ page_size: "101" }).success).toBe(false);
    expect(product.searchProducts.query.safeParse({}).success).toBe(false);
    expect(product.getBrands.query.parse({ page_size: "20", is_authorized: "true" }).is_authorized).toBe(
      true,
    );
    expect(product.getProduct.query.parse({ return_draft_version: false }).return_draft_version).toBe(false);
    expect(product.getProduct.query.safeParse({ return_draft_version: "yes" }).success).toBe(false);
  });

  it("accepts product_ids of the 202405 endpoints as a list or comma-joined", () => {
    expect(product.getProductsSeoWords.query.parse({ product_ids: "11,22" }).product_ids).toEqual([
      "11",
      "22",
    ]);
    expect(product.getProductsDiagnoses.query.parse({ product_ids: ["11"] }).product_ids).toEqual(["11"]);
    expect(product.getProductsSuggestions.query.safeParse({ product_ids: "" }).success).toBe(false);
  });

  it("limits search filters as documented", () => {
    expect(product.searchProducts.body.parse({ status: "ALL" }).status).toBe("ALL");
    expect(product.searchProducts.body.safeParse({ status: "ACTIVE" }).success).toBe(false);
    const skus = Array.from({ length: 11 }, (_, i) => `s${i}`);
    expect(product.searchProducts.body.safeParse({ seller_skus: skus }).success).toBe(false);
    expect(product.searchProducts202502.body.safeParse({ sku_ids: skus }).success).toBe(false);
    expect(product.searchProducts202502.body.safeParse({ listing_quality_tiers: ["GOOD"] }).success).toBe(
      true,
    );
  });

  it("keeps unknown and misspelled fields in product responses", () => {
    const data = product.getProduct.response.parse({
      id: "1729",
      status: "ACTIVATE",
      skus: [{ id: "1730", price: { currency: "USD", sale_price: "9.99" }, brand_new_sku_field: 1 }],
      brand_new_field: { nested: true },
    });
    expect(data.brand_new_field).toEqual({ nested: true });
    expect(data.skus[0]?.brand_new_sku_field).toBe(1);
    expect(data.main_images).toEqual([]);
    const attrs = product.getAttributes.response.parse({
      attributes: [{ id: "100149", name: "Brand", is_requried: true, type: "PRODUCT_PROPERTY" }],
    });
    expect(attrs.attributes[0]?.is_requried).toBe(true);
    const brands = product.getBrands.response.parse({
      brands: [{ id: "1", name: "Acme", authorized_status: "UNAUTHORIEZD" }],
      next_page_token: "",
    });
    expect(brands.brands[0]?.authorized_status).toBe("UNAUTHORIEZD");
    const prereq = product.checkListingPrerequisites.response.parse({
      check_results: [{ check_item: "BANk_ACCOUNT", is_failed: true, fail_reasons: ["no bank account"] }],
    });
    expect(prereq.check_results[0]?.is_failed).toBe(true);
  });

  it("bounds custom brand names to 2-30 characters", () => {
    expect(product.createCustomBrand.body.safeParse({ name: "A" }).success).toBe(false);
    expect(product.createCustomBrand.body.safeParse({ name: "Acme" }).success).toBe(true);
    expect(product.createCustomBrand.body.safeParse({ name: "A".repeat(31) }).success).toBe(false);
  });
});

describe("finance", () => {
  it("parses the Get Statements doc sample", () => {
    const data = finance.getStatements.response.parse({
      statements: [
        {
          id: "7100000000000000001",
          statement_time: 1696550400,
          currency: "GBP",
          revenue_amount: "200",
          fee_amount: "-30",
          adjustment_amount: "-70",
          shipping_cost_amount: "-70",
          net_sales_amount: "-70",
          settlement_amount: "100",
          payment_id: "7100000000000000002",
          payment_status: "PAID",
        },
      ],
      next_page_token: "",
    });
    const statement = data.statements[0];
    expect(statement?.settlement_amount).toBe("100");
    // Documented outside UK/US: settlement = revenue + fee + adjustment (signed).
    expect(
      Number(statement?.revenue_amount) +
        Number(statement?.fee_amount) +
        Number(statement?.adjustment_amount),
    ).toBe(Number(statement?.settlement_amount));
  });

  it("parses the Get Payments doc sample, where amount = settlement + reserve", () => {
    const data = finance.getPayments.response.parse({
      payments: [
        {
          id: "7100000000000000003",
          create_time: 1696636800,
          paid_time: 1696723200,
          status: "PAID",
          amount: { value: "100", currency: "GBP" },
          settlement_amount: { value: "130", currency: "GBP" },
          reserve_amount: { value: "-30", currency: "GBP" },
          payment_amount_before_exchange: { value: "100", currency: "GBP" },
          exchange_rate: "1.000000",
          bank_account: "***********1234",
        },
      ],
    });
    const payment = data.payments[0];
    expect(Number(payment?.amount?.value)).toBe(
      Number(payment?.settlement_amount?.value) + Number(payment?.reserve_amount?.value),
    );
  });

  it("requires sort_field and bounds page_size to 1-100", () => {
    expect(finance.getStatements.query.safeParse({}).success).toBe(false);
    expect(finance.getStatements.query.safeParse({ sort_field: "create_time" }).success).toBe(false);
    const ok = finance.getStatements.query.parse({ sort_field: "statement_time", page_size: "100" });
    expect(ok.page_size).toBe(100);
    expect(
      finance.getStatements.query.safeParse({ sort_field: "statement_time", page_size: "101" }).success,
    ).toBe(false);
    expect(
      finance.getStatements.query.safeParse({ sort_field: "statement_time", page_size: "0" }).success,
    ).toBe(false);
    expect(finance.getPayments.query.safeParse({ page_size: 20 }).success).toBe(false);
    expect(finance.getStatementTransactions.query.safeParse({}).success).toBe(false);
    expect(
      finance.getStatementTransactions202501.query.safeParse({ sort_field: "order_create_time" }).success,
    ).toBe(true);
    expect(finance.getUnsettledTransactions.query.safeParse({ search_time_ge: "1735689600" }).success).toBe(
      false,
    );
  });

  it("accepts withdrawal types as a list or comma-joined, and rejects unknown ones", () => {
    expect(finance.getWithdrawals.query.parse({ types: "WITHDRAW,SETTLE" }).types).toEqual([
      "WITHDRAW",
      "SETTLE",
    ]);
    expect(finance.getWithdrawals.query.parse({ types: ["REVERSE"] }).types).toEqual(["REVERSE"]);
    expect(finance.getWithdrawals.query.safeParse({ types: "WITHDRAW,PAYOUT" }).success).toBe(false);
    expect(finance.getWithdrawals.query.safeParse({}).success).toBe(false);
  });

  it("reads the 202501 statement transactions with their breakdowns and unknown members", () => {
    const data = finance.getStatementTransactions202501.response.parse({
      id: "7100000000000000001",
      create_time: 1736640000,
      status: "SETTLED",
      currency: "USD",
      total_settlement_amount: "130",
      total_reserve_amount: "20",
      payable_amount: "150",
      total_settlement_breakdown: { total_revenue_amount: "200", total_fee_tax_amount: "-30" },
      transactions: [
        {
          id: "t1",
          type: "RESERVE",
          reserve_status: "COLLECTED",
          estimated_release_time: "1737244800",
          fee_tax_breakdown: { fee: { referral_fee_amount: "-12.00", brand_new_fee_amount: "-1.00" } },
          shipping_cost_breakdown: { supplementary_component: { customer_shipping_fee: "5.99" } },
        },
        // Adjustment labels with spaces are not in the enum but must still be read.
        { id: "t2", type: "Violation fee （settlement fee）" },
      ],
      total_count: 2,
      next_page_token: "",
    });
    const first = data.transactions[0];
    expect(first?.estimated_release_time).toBe("1737244800");
    expect(first?.fee_tax_breakdown?.fee?.referral_fee_amount).toBe("-12.00");
    expect(first?.fee_tax_breakdown?.fee?.brand_new_fee_amount).toBe("-1.00");
    expect(data.transactions[1]?.type).toBe("Violation fee （settlement fee）");
    expect(() =>
      finance.getStatementTransactions202501.response.parse({
        id: "1",
        transactions: [{ id: "t", revenue_amount: 5 }],
      }),
    ).toThrow();
  });

  it("reads unsettled estimates with a string estimated_settlement", () => {
    const data = finance.getUnsettledTransactions.response.parse({
      transactions: [
        {
          id: "u1",
          type: "ORDER",
          status: "UNSETTLED",
          est_settlement_amount: "12.34",
          estimated_settlement: "7 days after delivery",
        },
      ],
      sum_est_settlement_amount: "12.34",
    });
    expect(data.transactions[0]?.estimated_settlement).toBe("7 days after delivery");
    expect(data.sum_est_settlement_amount).toBe("12.34");
  });

  it("reads the 202309 by-order transactions with numeric SKU quantities, and the 202501 ones with string quantities", () => {
    const v1 = finance.getOrderStatementTransactions.response.parse({
      order_id: "5760000000000000001",
      statement_transactions: [
        {
          statement_id: "s1",
          status: "SETTLED",
          sku_statement_transactions: [{ sku_id: "k1", quantity: 2 }],
        },
      ],
    });
    expect(v1.statement_transactions[0]?.sku_statement_transactions[0]?.quantity).toBe(2);
    const v2 = finance.getOrderStatementTransactions202501.response.parse({
      order_id: "5760000000000000001",
      fee_and_tax_amount: "-30",
      sku_transactions: [{ sku_id: "k1", quantity: "2" }],
    });
    expect(v2.sku_transactions[0]?.quantity).toBe("2");
  });
});

describe("customer service", () => {
  it("parses the performance sample", () => {
    const data = customerService.getCustomerServicePerformance.response.parse({
      performance: {
        response_percentage: "93.4",
        response_time_mins: "3.4",
        satisfaction_percentage: "95.2",
        support_session_count: 15,
      },
    });
    expect(data.performance?.support_session_count).toBe(15);
    expect(data.performance?.response_percentage).toBe("93.4");
  });

  it("requires both support dates as YYYY-MM-DD", () => {
    const query = customerService.getCustomerServicePerformance.query;
    expect(query.safeParse({ support_date_ge: "2026-01-01", support_date_lt: "2026-01-08" }).success).toBe(
      true,
    );
    expect(query.safeParse({ support_date_ge: "2026-01-01" }).success).toBe(false);
    expect(query.safeParse({ support_date_ge: "1767225600", support_date_lt: "2026-01-08" }).success).toBe(
      false,
    );
  });

  it("requires page_size with max 20 for conversations and 10 for messages", () => {
    expect(customerService.getConversations.query.safeParse({ page_size: "20" }).success).toBe(true);
    expect(customerService.getConversations.query.safeParse({ page_size: "21" }).success).toBe(false);
    expect(customerService.getConversations.query.safeParse({}).success).toBe(false);
    const messages = customerService.getConversationMessages.query;
    expect(messages.safeParse({ page_size: "10", need_data: "true" }).success).toBe(true);
    expect(messages.safeParse({ page_size: "11" }).success).toBe(false);
    expect(messages.safeParse({ page_size: "5", sort_field: "update_time" }).success).toBe(false);
  });

  it("parses a message whose content is a JSON string", () => {
    const data = customerService.getConversationMessages.response.parse({
      messages: [
        {
          id: "7494560109732334262",
          index: "7494560109732334262",
          create_time: 1745000000,
          type: "TEXT",
          content: '{"content": "simple text message"}',
          is_visible: true,
          sender: { im_user_id: "1", nickname: "buyer", avatar: "https://x/a.png", role: "BUYER" },
        },
      ],
      next_page_token: "",
    });
    const content: unknown = JSON.parse(data.messages[0]?.content ?? "{}");
    expect(content).toEqual({ content: "simple text message" });
  });

  it("checks the JSON content of outgoing messages per type", () => {
    const body = customerService.sendMessage.body;
    expect(body.safeParse({ type: "TEXT", content: JSON.stringify({ content: "hello" }) }).success).toBe(
      true,
    );
    expect(body.safeParse({ type: "TEXT", content: "hello" }).success).toBe(false);
    expect(
      body.safeParse({ type: "TEXT", content: JSON.stringify({ content: "x".repeat(2001) }) }).success,
    ).toBe(false);
    expect(
      body.safeParse({ type: "IMAGE", content: JSON.stringify({ url: "https://x", width: 1, height: 1 }) })
        .success,
    ).toBe(true);
    expect(
      body.safeParse({ type: "RETURN_REFUND_CARD", content: JSON.stringify({ order_id: "1" }) }).success,
    ).toBe(false);
    expect(body.safeParse({ type: "NOTIFICATION", content: JSON.stringify({ content: "x" }) }).success).toBe(
      false,
    );
  });

  it("reads the 202601 conversation and keeps unknown members", () => {
    const data = customerService.getConversation.response.parse({
      conversation: {
        id: "7494560109732334261",
        participant_count: 2,
        participants: [{ user_id: "u1", role: "BUYER", platform: "TOKOPEDIA", new_member: "x" }],
        unread_count: 1,
      },
    });
    expect(data.conversation?.participants[0]?.new_member).toBe("x");
  });
});

describe("promotion", () => {
  it("parses the Get Activity sample", () => {
    const data = promotion.getActivity.response.parse({
      activity_id: "7136104329798256386",
      title: "DiscountEvent0829",
      activity_type: "FIXED_PRICE",
      product_level: "PRODUCT",
      begin_time: 1661756811,
      end_time: 1661856811,
      products: [
        {
          activity_price: { amount: "70500", currency: "IDR" },
          discount: "10",
          id: "7136011254174631686",
          quantity_limit: -1,
          quantity_per_user: -1,
          skus: [],
        },
      ],
      status: "ONGOING",
    });
    expect(data.products[0]?.activity_price?.amount).toBe("70500");
    expect(data.products[0]?.quantity_limit).toBe(-1);
    expect(data.activity_commands).toEqual([]);
  });

  it("accepts the minimal create sample and checks type/level/time rules", () => {
    const minimal = {
      activity_type: "FIXED_PRICE",
      begin_time: 1661756811,
      end_time: 1661856811,
      product_level: "PRODUCT",
      title: "DiscountEvent0829",
    };
    const body = promotion.createActivity.body;
    expect(body.safeParse(minimal).success).toBe(true);
    expect(body.safeParse({ ...minimal, title: "x".repeat(51) }).success).toBe(false);
    expect(body.safeParse({ ...minimal, title: "x".repeat(50) }).success).toBe(true);
    expect(body.safeParse({ ...minimal, end_time: minimal.begin_time }).success).toBe(false);
    expect(
      body.safeParse({ ...minimal, activity_type: "SHIPPING_DISCOUNT", product_level: "VARIATION" }).success,
    ).toBe(false);
    expect(body.safeParse({ ...minimal, duration_type: "INDEFINITE" }).success).toBe(false);
    expect(
      body.safeParse({
        ...minimal,
        activity_type: "SHIPPING_DISCOUNT",
        product_level: "SHOP",
        duration_type: "INDEFINITE",
        begin_time: 0,
        end_time: 0,
        discount: { shipping_discount: { type: "FREE_SHIPPING", threshold_type: "NO_THRESHOLD" } },
      }).success,
    ).toBe(true);
    expect(promotion.updateActivity.body.safeParse({ ...minimal, title: "y".repeat(51) }).success).toBe(
      false,
    );
    expect(shapeKeys(promotion.updateActivity.body)).not.toContain("activity_type");
  });

  it("requires buy-more-save-more tiers to increase", () => {
    const minimal = {
      activity_type: "BUY_MORE_SAVE_MORE",
      begin_time: 1661756811,
      end_time: 1661856811,
      product_level: "PRODUCT",
      title: "Tiers",
    };
    const tier = (tierNo: number, threshold: string, value: string) => ({
      tier: tierNo,
      threshold_type: "MINIMAL_ITEM_QUANTITY",
      threshold_value: threshold,
      type: "PERCENTAGE_OFF",
      value,
    });
    const withTiers = (details: unknown[]) => ({ ...minimal, discount: { bmsm_discount: { details } } });
    const body = promotion.createActivity.body;
    expect(body.safeParse(withTiers([tier(1, "2", "5"), tier(2, "3", "10")])).success).toBe(true);
    expect(body.safeParse(withTiers([tier(1, "2", "5"), tier(2, "2", "10")])).success).toBe(false);
    expect(
      body.safeParse(withTiers([tier(1, "2", "5"), tier(2, "3", "10"), tier(3, "4", "15")])).success,
    ).toBe(false);
  });

  it("accepts the update-activity-product sample and enforces its limits", () => {
    const sample = {
      activity_id: "7136104288010372865",
      products: [
        {
          activity_price_amount: "4.5",
          discount: "10",
          id: "7135427619356477189",
          quantity_limit: -1,
          quantity_per_user: -1,
          skus: [
            {
              activity_price_amount: "6.5",
              discount: "10",
              id: "7125688837187176194",
              quantity_limit: -1,
              quantity_per_user: 10,
            },
          ],
        },
      ],
    };
    const body = promotion.updateActivityProduct.body;
    expect(body.safeParse(sample).success).toBe(true);
    const withLimit = (quantity_limit: number) => ({
      ...sample,
      products: [{ ...sample.products[0], quantity_limit }],
    });
    expect(body.safeParse(withLimit(99)).success).toBe(true);
    expect(body.safeParse(withLimit(100)).success).toBe(false);
    expect(body.safeParse(withLimit(0)).success).toBe(false);
    expect(body.safeParse(withLimit(-2)).success).toBe(false);
    const products = (n: number, skusEach: number) =>
      Array.from({ length: n }, (_, i) => ({
        id: String(i + 1),
        skus: Array.from({ length: skusEach }, (_, j) => ({ id: `${i}-${j}` })),
      }));
    expect(body.safeParse({ activity_id: "1", products: products(300, 0) }).success).toBe(true);
    expect(body.safeParse({ activity_id: "1", products: products(301, 0) }).success).toBe(false);
    expect(body.safeParse({ activity_id: "1", products: products(150, 2) }).success).toBe(true);
    expect(body.safeParse({ activity_id: "1", products: products(151, 2) }).success).toBe(false);
  });

  it("pages activity search in the body with page_size 0-100", () => {
    expect(promotion.searchActivities.pagination).toEqual({ tokenIn: "body", items: "activities" });
    expect(promotion.searchActivities.body.safeParse({ page_size: 0, page_token: "" }).success).toBe(true);
    expect(promotion.searchActivities.body.safeParse({ page_size: 101 }).success).toBe(false);
    const data = promotion.searchActivities.response.parse({
      activities: [{ id: "7136104329798256386", status: "NOT_START", activity_commands: ["IMMUTABLE"] }],
      total_count: 1,
      next_page_token: "",
    });
    expect(data.activities[0]?.id).toBe("7136104329798256386");
  });

  it("pages coupon search in the query with page_size 1-100", () => {
    expect(promotion.searchCoupons.pagination).toEqual({ tokenIn: "query", items: "coupons" });
    expect(promotion.searchCoupons.query.safeParse({ page_size: "100" }).success).toBe(true);
    expect(promotion.searchCoupons.query.safeParse({ page_size: "101" }).success).toBe(false);
    expect(promotion.searchCoupons.body.safeParse({ title_keyword: "" }).success).toBe(false);
    expect(
      promotion.searchCoupons.body.safeParse({ status: ["ONGOING"], display_type: ["CHAT"] }).success,
    ).toBe(true);
  });

  it("reads coupons and keeps unknown fields", () => {
    const data = promotion.getCoupon.response.parse({
      coupon: {
        id: "7200000000000000001",
        title: "10% off",
        status: "ONGOING",
        display_type: "CHAT",
        discount: { type: "PERCENT_OFF", percentage: "10", max_discount: { amount: "5", currency: "USD" } },
        usage_limits: { total_claim_limit: 100, single_buyer_claim_limit: 1 },
        create_time: 1661756811000,
        surprise: [1, 2],
      },
    });
    expect(data.coupon?.discount?.max_discount?.amount).toBe("5");
    expect(data.coupon?.surprise).toEqual([1, 2]);
  });

  it("needs product_ids or sku_ids to remove activity products", () => {
    expect(promotion.removeActivityProduct.method).toBe("DELETE");
    expect(promotion.removeActivityProduct.body.safeParse({}).success).toBe(false);
    expect(promotion.removeActivityProduct.body.safeParse({ sku_ids: ["1"] }).success).toBe(true);
    const many = Array.from({ length: 301 }, (_, i) => String(i));
    expect(promotion.removeActivityProduct.body.safeParse({ product_ids: many }).success).toBe(false);
  });
});
