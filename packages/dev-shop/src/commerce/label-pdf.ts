import type { DevShopStore } from "../state/store.ts";
import { deliveryOptionOf, linesOfPackage, ordersOfPackage, providerOf } from "./fulfillment-ops.ts";
import type { Address, Package, ShopCommerce } from "./state.ts";

/**
 * Shipping labels and packing slips as real PDF files, written by hand: one page, the two
 * standard Helvetica fonts, text and filled rectangles, a correct cross-reference table. The
 * tracking number is also drawn as a Code 39 barcode so that a label printed from the dev shop
 * looks and scans like a carrier label.
 */

export type DocumentSize = "A6" | "A5";

/** Where Get Package Shipping Document points; the platform serves it with renderLabelPdf. */
export function labelPath(packageId: string, documentType = "SHIPPING_LABEL", size = "A6"): string {
  const query = new URLSearchParams({ document_type: documentType, document_size: size });
  return `/static/labels/${packageId}.pdf?${query.toString()}`;
}

export interface LabelOptions {
  documentType?: string;
  size?: DocumentSize;
}

/** The PDF of a shipped package's document, or null when no such shipped package exists. */
export function renderLabelPdf(
  store: DevShopStore,
  packageId: string,
  options: LabelOptions = {},
): Uint8Array | null {
  for (const shop of Object.values(store.commerce.shops)) {
    const pkg = shop.packages[packageId];
    if (pkg && pkg.trackingNumber !== null)
      return buildPdf(pageContent(shop, pkg, options), options.size ?? "A6", pkg);
  }
  return null;
}

// ---- page layout ----------------------------------------------------------------------------

interface Canvas {
  ops: string[];
  width: number;
  height: number;
}

function text(canvas: Canvas, x: number, y: number, size: number, value: string, bold = false): void {
  canvas.ops.push(`BT /${bold ? "F2" : "F1"} ${size} Tf ${x} ${y} Td (${escapePdfText(value)}) Tj ET`);
}

function rule(canvas: Canvas, y: number): void {
  canvas.ops.push(`12 ${y} ${canvas.width - 24} 0.8 re f`);
}

function addressBlock(
  canvas: Canvas,
  x: number,
  y: number,
  title: string,
  address: Address,
  size: number,
): number {
  text(canvas, x, y, size - 1, title, true);
  let line = y - size - 2;
  for (const part of [
    address.name,
    address.addressLine1,
    address.addressLine2,
    `${address.city}, ${address.state} ${address.postalCode}`,
    address.country,
  ]) {
    if (part.trim() === "" || part === ",  ") continue;
    text(canvas, x, line, size, part);
    line -= size + 2;
  }
  return line;
}

function pageContent(shop: ShopCommerce, pkg: Package, options: LabelOptions): Canvas {
  const [width, height] = options.size === "A5" ? [420, 595] : [298, 420];
  const canvas: Canvas = { ops: [], width, height };
  const scale = width / 298;
  const size = Math.round(8 * scale);
  const provider = providerOf(shop, pkg.shippingProviderId);
  const option = deliveryOptionOf(shop, pkg.deliveryOptionId);
  const orders = ordersOfPackage(shop, pkg);
  const warehouse = shop.warehouses.find((w) => w.id === pkg.warehouseId);
  const type = options.documentType ?? "SHIPPING_LABEL";

  let y = height - 28 * scale;
  text(canvas, 12, y, Math.round(16 * scale), provider?.name ?? "Carrier", true);
  text(canvas, width - 120 * scale, y, size, option?.name ?? "", true);
  y -= 14 * scale;
  text(canvas, 12, y, size, pkg.shippingType === "TIKTOK" ? "TikTok Shipping" : "Shipped by seller");
  y -= 8 * scale;
  rule(canvas, y);
  y -= 14 * scale;
  if (warehouse) y = addressBlock(canvas, 12, y, "SHIP FROM", warehouse.address, size) - 4;
  rule(canvas, y);
  y -= 16 * scale;
  const recipient = orders[0]?.address;
  if (recipient) y = addressBlock(canvas, 12, y, "SHIP TO", recipient, size + 2) - 4;
  rule(canvas, y);
  y -= 60 * scale;
  drawCode39(canvas, 18, y, width - 36, 50 * scale, pkg.trackingNumber ?? "");
  y -= 14 * scale;
  text(canvas, 18, y, size + 1, `TRACKING # ${pkg.trackingNumber ?? ""}`, true);
  y -= 8 * scale;
  rule(canvas, y);
  y -= 14 * scale;
  text(canvas, 12, y, size, `Order: ${orders.map((order) => order.id).join(", ")}`);
  y -= size + 3;
  text(canvas, 12, y, size, `Package: ${pkg.id}`);
  y -= size + 3;
  const shipped = new Date((pkg.shippedTime ?? pkg.createTime) * 1000).toISOString().slice(0, 10);
  const weight = pkg.weight ? `${pkg.weight.value} ${pkg.weight.unit === "POUND" ? "lb" : "g"}` : "";
  text(
    canvas,
    12,
    y,
    size,
    `Shipped: ${shipped}   Units: ${pkg.lineItemIds.length}${weight ? `   Weight: ${weight}` : ""}`,
  );
  if (type === "PACKING_SLIP" || type === "SHIPPING_LABEL_AND_PACKING_SLIP") {
    y -= size + 8;
    text(canvas, 12, y, size, "PACKING SLIP", true);
    const counts = new Map<string, number>();
    for (const { line } of linesOfPackage(shop, pkg)) {
      const label = `${line.sellerSku}  ${line.productName} (${line.skuName})${line.isGift ? " [gift]" : ""}`;
      counts.set(label, (counts.get(label) ?? 0) + 1);
    }
    for (const [label, count] of counts) {
      y -= size + 2;
      if (y < 14) break;
      text(canvas, 12, y, size - 1, `${count} x ${label}`.slice(0, Math.floor(width / 4)));
    }
  }
  return canvas;
}

// ---- Code 39 --------------------------------------------------------------------------------

/** Nine elements per character (bar, space, bar, ...); 1 = wide. Exactly three are wide. */
export const code39Patterns: Record<string, string> = {
  "0": "000110100",
  "1": "100100001",
  "2": "001100001",
  "3": "101100000",
  "4": "000110001",
  "5": "100110000",
  "6": "001110000",
  "7": "000100101",
  "8": "100100100",
  "9": "001100100",
  A: "100001001",
  B: "001001001",
  C: "101001000",
  D: "000011001",
  E: "100011000",
  F: "001011000",
  G: "000001101",
  H: "100001100",
  I: "001001100",
  J: "000011100",
  K: "100000011",
  L: "001000011",
  M: "101000010",
  N: "000010011",
  O: "100010010",
  P: "001010010",
  Q: "000000111",
  R: "100000110",
  S: "001000110",
  T: "000010110",
  U: "110000001",
  V: "011000001",
  W: "111000000",
  X: "010010001",
  Y: "110010000",
  Z: "011010000",
  "-": "010000101",
  ".": "110000100",
  " ": "011000100",
  "*": "010010100",
};

function drawCode39(
  canvas: Canvas,
  x: number,
  y: number,
  width: number,
  height: number,
  value: string,
): void {
  const symbols = `*${value.toUpperCase().replace(/[^0-9A-Z. -]/g, "-")}*`;
  const wide = 2.5;
  // Each symbol: 6 narrow + 3 wide elements, then one narrow inter-character gap.
  const units = symbols.length * (6 + 3 * wide + 1);
  const narrow = width / units;
  let cursor = x;
  for (const symbol of symbols) {
    const pattern = code39Patterns[symbol] ?? code39Patterns["-"]!;
    for (let i = 0; i < 9; i++) {
      const elementWidth = (pattern[i] === "1" ? wide : 1) * narrow;
      if (i % 2 === 0)
        canvas.ops.push(`${fixed(cursor)} ${fixed(y)} ${fixed(elementWidth)} ${fixed(height)} re f`);
      cursor += elementWidth;
    }
    cursor += narrow;
  }
}

// ---- PDF file -------------------------------------------------------------------------------

function fixed(value: number): string {
  return Number(value.toFixed(3)).toString();
}

/** PDF literal strings: escape the delimiters and keep to Latin-1 (WinAnsiEncoding). */
export function escapePdfText(value: string): string {
  const folded = value.normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
  let out = "";
  for (const char of folded) {
    const code = char.codePointAt(0) ?? 63;
    if (char === "\\" || char === "(" || char === ")") out += `\\${char}`;
    else if (code < 32) out += " ";
    else if (code > 255) out += "?";
    else out += char;
  }
  return out;
}

function buildPdf(canvas: Canvas, size: DocumentSize, pkg: Package): Uint8Array {
  const content = canvas.ops.join("\n");
  const created = new Date((pkg.shippedTime ?? pkg.createTime) * 1000)
    .toISOString()
    .replace(/[-:T]/g, "")
    .slice(0, 14);
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${canvas.width} ${canvas.height}] /Resources << /Font << /F1 4 0 R /F2 5 0 R >> >> /Contents 6 0 R >>`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
    `<< /Length ${latin1Length(content)} >>\nstream\n${content}\nendstream`,
    `<< /Title (Shipping label ${escapePdfText(pkg.id)} ${size}) /Producer (tts-kit development shop) /CreationDate (D:${created}Z) >>`,
  ];
  let body = "%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n";
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(latin1Length(body));
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xrefOffset = latin1Length(body);
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, "0")} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 7 0 R >>\nstartxref\n${xrefOffset}\n%%EOF`;
  return latin1Bytes(body);
}

function latin1Length(value: string): number {
  return value.length;
}

function latin1Bytes(value: string): Uint8Array {
  const bytes = new Uint8Array(value.length);
  for (let i = 0; i < value.length; i++) bytes[i] = value.charCodeAt(i) & 0xff;
  return bytes;
}
