import { PDFDocument, type PDFFont, type PDFPage, rgb, StandardFonts } from "pdf-lib";
import type { ShopContext } from "./context.ts";
import { FulfillmentError } from "./errors.ts";
import { lineState, type TikTokOrder } from "./order-model.ts";
import { firstMatch } from "./rules.ts";
import { loadOrders } from "./ship.ts";
import { packageDocument } from "./tiktok-shipping.ts";

/**
 * Printed paperwork (OMS-LABELS, OMS-PICK): TikTok's per-package label PDFs merged into one file,
 * and the app's own pick list and packing slips, drawn with pdf-lib. Object streams are left off so
 * that every page stays a plain PDF object (simple printers and PDF checkers handle that best).
 */

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 40;

export interface MergedLabels {
  pdf: Uint8Array;
  included: Array<{ packageId: string; trackingNumber: string | null; pages: number }>;
  skipped: Array<{ packageId: string; reason: string }>;
}

/** One PDF with the labels of every package that has one; the others are listed with the reason. */
export async function mergeLabels(ctx: ShopContext, packageIds: string[]): Promise<MergedLabels> {
  const merged = await PDFDocument.create();
  merged.setTitle(`Shipping labels (${packageIds.length})`);
  merged.setCreator("OMS");
  const included: MergedLabels["included"] = [];
  const skipped: MergedLabels["skipped"] = [];
  for (const packageId of packageIds) {
    try {
      const { pdf, trackingNumber } = await packageDocument(ctx, packageId);
      const source = await PDFDocument.load(pdf);
      const pages = await merged.copyPages(source, source.getPageIndices());
      for (const page of pages) merged.addPage(page);
      included.push({ packageId, trackingNumber, pages: pages.length });
    } catch (error) {
      if (!(error instanceof FulfillmentError)) throw error;
      skipped.push({ packageId, reason: error.message });
    }
  }
  if (included.length === 0) {
    throw new FulfillmentError(
      409,
      "no_labels",
      `None of the selected packages has a label yet. Labels exist for TikTok Shipping packages once they are shipped. ${skipped.map((s) => s.reason).join(" ")}`,
      { skipped },
    );
  }
  return { pdf: await merged.save({ useObjectStreams: false }), included, skipped };
}

/** Helvetica speaks WinAnsi: characters outside Latin-1 are printed as "?" rather than failing. */
function printable(value: string): string {
  return value.replace(/[^\x20-\x7E\xA0-\xFF]/g, "?");
}

class Writer {
  page: PDFPage;
  y: number;

  constructor(
    private readonly doc: PDFDocument,
    private readonly font: PDFFont,
    private readonly bold: PDFFont,
  ) {
    this.page = doc.addPage(A4);
    this.y = A4[1] - MARGIN;
  }

  newPage(): void {
    this.page = this.doc.addPage(A4);
    this.y = A4[1] - MARGIN;
  }

  ensure(height: number): void {
    if (this.y - height < MARGIN) this.newPage();
  }

  text(value: string, options: { size?: number; bold?: boolean; x?: number } = {}): void {
    const size = options.size ?? 10;
    this.ensure(size + 4);
    this.page.drawText(printable(value), {
      x: options.x ?? MARGIN,
      y: this.y - size,
      size,
      font: options.bold ? this.bold : this.font,
      color: rgb(0.1, 0.1, 0.12),
    });
    this.y -= size + 6;
  }

  /** A row of cells at fixed x positions, clipped to their width. */
  row(cells: Array<{ x: number; width: number; value: string }>, bold = false, size = 10): void {
    this.ensure(size + 6);
    const font = bold ? this.bold : this.font;
    for (const cell of cells) {
      let value = printable(cell.value);
      while (value.length > 4 && font.widthOfTextAtSize(value, size) > cell.width)
        value = `${value.slice(0, -4)}...`;
      this.page.drawText(printable(value), {
        x: cell.x,
        y: this.y - size,
        size,
        font,
        color: rgb(0.1, 0.1, 0.12),
      });
    }
    this.y -= size + 6;
  }

  rule(): void {
    this.ensure(8);
    this.page.drawLine({
      start: { x: MARGIN, y: this.y - 2 },
      end: { x: A4[0] - MARGIN, y: this.y - 2 },
      thickness: 0.6,
      color: rgb(0.6, 0.6, 0.65),
    });
    this.y -= 8;
  }
}

async function newDocument(title: string) {
  const doc = await PDFDocument.create();
  doc.setTitle(title);
  doc.setCreator("OMS");
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  return { doc, writer: new Writer(doc, font, bold) };
}

function formatDate(seconds: number | null | undefined): string {
  return seconds ? new Date(Number(seconds) * 1000).toISOString().slice(0, 16).replace("T", " ") : "—";
}

async function ordersOf(ctx: ShopContext, orderIds: string[]): Promise<TikTokOrder[]> {
  if (orderIds.length === 0) throw new FulfillmentError(400, "no_orders", "Choose at least one order.");
  const orders = await loadOrders(ctx, orderIds);
  const found = new Set(orders.map((o) => o.id));
  const missing = orderIds.filter((id) => !found.has(id));
  if (missing.length > 0)
    throw new FulfillmentError(404, "order_not_found", `Not found in this shop: ${missing.join(", ")}.`);
  return orderIds.map((id) => orders.find((o) => o.id === id)!);
}

export interface PickListRow {
  warehouse: string;
  sellerSku: string;
  skuId: string;
  name: string;
  quantity: number;
  orders: string[];
}

/**
 * The units to pick for a set of orders, summed per warehouse and SKU. The warehouse is the order's,
 * or the one a shipping rule sends it from. Only units still waiting to ship are listed.
 */
export async function pickListRows(ctx: ShopContext, orders: TikTokOrder[]): Promise<PickListRow[]> {
  const warehouses = await ctx.warehouses();
  const rules = await ctx.rules();
  const rows = new Map<string, PickListRow>();
  for (const order of orders) {
    const rule = firstMatch(rules, order, ctx.region);
    const warehouseId = rule?.actions.warehouseId ?? String(order.warehouse_id ?? "");
    const warehouse =
      warehouses.find((w) => w.id === warehouseId)?.name ?? (warehouseId || "Unknown warehouse");
    for (const line of order.line_items) {
      if (lineState(line) !== "unshipped") continue;
      const key = `${warehouse}\u0000${line.sku_id}`;
      const row = rows.get(key) ?? {
        warehouse,
        sellerSku: String(line.seller_sku ?? ""),
        skuId: String(line.sku_id ?? ""),
        name: [line.product_name, line.sku_name].filter(Boolean).join(" · "),
        quantity: 0,
        orders: [],
      };
      row.quantity += 1;
      if (!row.orders.includes(order.id)) row.orders.push(order.id);
      rows.set(key, row);
    }
  }
  return [...rows.values()].sort(
    (a, b) => a.warehouse.localeCompare(b.warehouse) || a.sellerSku.localeCompare(b.sellerSku),
  );
}

export async function pickList(ctx: ShopContext, orderIds: string[]): Promise<Uint8Array> {
  const orders = await ordersOf(ctx, orderIds);
  const rows = await pickListRows(ctx, orders);
  if (rows.length === 0)
    throw new FulfillmentError(409, "nothing_to_pick", "None of these orders has items waiting to ship.");
  const { doc, writer } = await newDocument(`Pick list (${orders.length} orders)`);
  writer.text("Pick list", { size: 18, bold: true });
  writer.text(
    `${orders.length} orders · ${rows.reduce((sum, r) => sum + r.quantity, 0)} units · printed ${formatDate(ctx.now())} UTC`,
  );
  let warehouse = "";
  for (const row of rows) {
    if (row.warehouse !== warehouse) {
      warehouse = row.warehouse;
      writer.text("");
      writer.text(`Warehouse: ${warehouse}`, { size: 12, bold: true });
      writer.row(
        [
          { x: MARGIN, width: 110, value: "Seller SKU" },
          { x: MARGIN + 115, width: 280, value: "Product" },
          { x: MARGIN + 400, width: 40, value: "Qty" },
          { x: MARGIN + 445, width: 70, value: "Orders" },
        ],
        true,
      );
      writer.rule();
    }
    writer.row([
      { x: MARGIN, width: 110, value: row.sellerSku || row.skuId },
      { x: MARGIN + 115, width: 280, value: row.name },
      { x: MARGIN + 400, width: 40, value: String(row.quantity) },
      { x: MARGIN + 445, width: 70, value: String(row.orders.length) },
    ]);
  }
  return doc.save({ useObjectStreams: false });
}

/** One page per order: what is in the box, and where it goes once TikTok has released the address. */
export async function packingSlips(ctx: ShopContext, orderIds: string[]): Promise<Uint8Array> {
  const orders = await ordersOf(ctx, orderIds);
  const { doc, writer } = await newDocument(`Packing slips (${orders.length})`);
  orders.forEach((order, index) => {
    if (index > 0) writer.newPage();
    writer.text("Packing slip", { size: 18, bold: true });
    writer.text(`Order ${order.id}`, { size: 12, bold: true });
    writer.text(`Placed ${formatDate(order.create_time)} UTC · ${String(order.delivery_option_name ?? "")}`);
    writer.text("");
    writer.text("Ship to", { bold: true });
    const address = order.recipient_address;
    if (address?.full_address) {
      writer.text(String(address.name ?? ""));
      for (const part of String(address.full_address).split(",")) writer.text(part.trim());
    } else {
      writer.text(
        order.status === "ON_HOLD" || order.status === "UNPAID"
          ? "Address not released yet: TikTok releases it when the order leaves its hold."
          : "No address on this order.",
      );
    }
    writer.text("");
    writer.row(
      [
        { x: MARGIN, width: 120, value: "Seller SKU" },
        { x: MARGIN + 125, width: 330, value: "Item" },
        { x: MARGIN + 460, width: 50, value: "Qty" },
      ],
      true,
    );
    writer.rule();
    const counts = new Map<string, { sku: string; name: string; quantity: number }>();
    for (const line of order.line_items) {
      if (lineState(line) === "cancelled") continue;
      const key = String(line.sku_id ?? line.id);
      const entry = counts.get(key) ?? {
        sku: String(line.seller_sku || line.sku_id || ""),
        name:
          [line.product_name, line.sku_name].filter(Boolean).join(" · ") + (line.is_gift ? " (gift)" : ""),
        quantity: 0,
      };
      entry.quantity += 1;
      counts.set(key, entry);
    }
    for (const entry of counts.values()) {
      writer.row([
        { x: MARGIN, width: 120, value: entry.sku },
        { x: MARGIN + 125, width: 330, value: entry.name },
        { x: MARGIN + 460, width: 50, value: String(entry.quantity) },
      ]);
    }
    if (order.buyer_message) {
      writer.text("");
      writer.text(`Buyer's note: ${order.buyer_message}`);
    }
  });
  return doc.save({ useObjectStreams: false });
}
