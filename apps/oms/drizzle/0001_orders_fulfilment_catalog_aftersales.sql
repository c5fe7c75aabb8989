CREATE TABLE "aftersales_cancellations" (
	"shop_id" text NOT NULL,
	"id" text NOT NULL,
	"order_id" text NOT NULL,
	"type" text NOT NULL,
	"status" text NOT NULL,
	"role" text,
	"reason" text,
	"reason_text" text,
	"refund_total" text,
	"currency" text,
	"respond_by" bigint,
	"create_time" bigint NOT NULL,
	"update_time" bigint NOT NULL,
	"raw" jsonb NOT NULL,
	"synced_at" bigint NOT NULL,
	CONSTRAINT "aftersales_cancellations_shop_id_id_pk" PRIMARY KEY("shop_id","id")
);
--> statement-breakpoint
CREATE TABLE "aftersales_returns" (
	"shop_id" text NOT NULL,
	"id" text NOT NULL,
	"order_id" text NOT NULL,
	"type" text NOT NULL,
	"status" text NOT NULL,
	"role" text,
	"reason" text,
	"reason_text" text,
	"refund_total" text,
	"currency" text,
	"next_action" text,
	"respond_by" bigint,
	"create_time" bigint NOT NULL,
	"update_time" bigint NOT NULL,
	"raw" jsonb NOT NULL,
	"synced_at" bigint NOT NULL,
	CONSTRAINT "aftersales_returns_shop_id_id_pk" PRIMARY KEY("shop_id","id")
);
--> statement-breakpoint
CREATE TABLE "catalog_products" (
	"shop_id" text NOT NULL,
	"id" text NOT NULL,
	"title" text NOT NULL,
	"status" text NOT NULL,
	"create_time" bigint NOT NULL,
	"update_time" bigint NOT NULL,
	"currency" text,
	"min_price" text,
	"max_price" text,
	"sku_count" integer NOT NULL,
	"total_stock" integer NOT NULL,
	"min_sku_stock" integer NOT NULL,
	"search_text" text NOT NULL,
	"skus" jsonb NOT NULL,
	"synced_at" bigint NOT NULL,
	CONSTRAINT "catalog_products_shop_id_id_pk" PRIMARY KEY("shop_id","id")
);
--> statement-breakpoint
CREATE TABLE "fulfillment_batch_items" (
	"batch_id" text NOT NULL,
	"shop_id" text NOT NULL,
	"order_id" text NOT NULL,
	"position" integer NOT NULL,
	"tracking_number" text NOT NULL,
	"status" text NOT NULL,
	"message" text,
	"package_id" text,
	"carrier_name" text,
	"updated_at" bigint NOT NULL,
	CONSTRAINT "fulfillment_batch_items_batch_id_order_id_pk" PRIMARY KEY("batch_id","order_id")
);
--> statement-breakpoint
CREATE TABLE "fulfillment_batches" (
	"id" text PRIMARY KEY NOT NULL,
	"shop_id" text NOT NULL,
	"seller_id" text NOT NULL,
	"status" text NOT NULL,
	"total" integer NOT NULL,
	"created_at" bigint NOT NULL,
	"finished_at" bigint
);
--> statement-breakpoint
CREATE TABLE "fulfillment_rules" (
	"shop_id" text NOT NULL,
	"id" text NOT NULL,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"conditions" jsonb NOT NULL,
	"actions" jsonb NOT NULL,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL,
	CONSTRAINT "fulfillment_rules_shop_id_id_pk" PRIMARY KEY("shop_id","id")
);
--> statement-breakpoint
CREATE TABLE "fulfillment_shipments" (
	"id" text PRIMARY KEY NOT NULL,
	"shop_id" text NOT NULL,
	"order_id" text NOT NULL,
	"order_ids" jsonb NOT NULL,
	"package_id" text,
	"action" text NOT NULL,
	"mode" text NOT NULL,
	"via" text NOT NULL,
	"operation" text NOT NULL,
	"tracking_number" text,
	"shipping_provider_id" text,
	"shipping_provider_name" text,
	"service_name" text,
	"shipping_service_id" text,
	"items" jsonb NOT NULL,
	"order_status" text,
	"warning" text,
	"rule_id" text,
	"rule_name" text,
	"seller_id" text,
	"created_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "order_lookups" (
	"shop_id" text NOT NULL,
	"order_id" text NOT NULL,
	"kind" text NOT NULL,
	"data" jsonb NOT NULL,
	"order_update_time" bigint NOT NULL,
	"fetched_at" bigint NOT NULL,
	CONSTRAINT "order_lookups_shop_id_order_id_kind_pk" PRIMARY KEY("shop_id","order_id","kind")
);
--> statement-breakpoint
CREATE TABLE "order_search_terms" (
	"shop_id" text NOT NULL,
	"order_id" text NOT NULL,
	"term" text NOT NULL,
	CONSTRAINT "order_search_terms_shop_id_order_id_term_pk" PRIMARY KEY("shop_id","order_id","term")
);
--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "paid_time" bigint;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "ship_by" bigint;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "on_hold_until" bigint;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "shipped_at" bigint;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "fulfillment_type" text DEFAULT 'FULFILLMENT_BY_SELLER' NOT NULL;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "is_sample" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "is_on_hold_order" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "buyer_name" text;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "item_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "items_summary" text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE INDEX "aftersales_cancellations_shop_status_idx" ON "aftersales_cancellations" USING btree ("shop_id","status");--> statement-breakpoint
CREATE INDEX "aftersales_cancellations_shop_order_idx" ON "aftersales_cancellations" USING btree ("shop_id","order_id");--> statement-breakpoint
CREATE INDEX "aftersales_returns_shop_status_idx" ON "aftersales_returns" USING btree ("shop_id","status");--> statement-breakpoint
CREATE INDEX "aftersales_returns_shop_order_idx" ON "aftersales_returns" USING btree ("shop_id","order_id");--> statement-breakpoint
CREATE INDEX "catalog_products_shop_status_idx" ON "catalog_products" USING btree ("shop_id","status");--> statement-breakpoint
CREATE INDEX "catalog_products_shop_update_idx" ON "catalog_products" USING btree ("shop_id","update_time");--> statement-breakpoint
CREATE INDEX "fulfillment_batch_items_shop_idx" ON "fulfillment_batch_items" USING btree ("shop_id");--> statement-breakpoint
CREATE INDEX "fulfillment_batches_shop_idx" ON "fulfillment_batches" USING btree ("shop_id","created_at");--> statement-breakpoint
CREATE INDEX "fulfillment_shipments_order_idx" ON "fulfillment_shipments" USING btree ("shop_id","order_id","created_at");--> statement-breakpoint
CREATE INDEX "order_search_terms_prefix_idx" ON "order_search_terms" USING btree ("shop_id","term" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "orders_shop_create_idx" ON "orders" USING btree ("shop_id","create_time");--> statement-breakpoint
CREATE INDEX "orders_shop_ship_by_idx" ON "orders" USING btree ("shop_id","ship_by");--> statement-breakpoint
CREATE INDEX "orders_shop_shipped_idx" ON "orders" USING btree ("shop_id","shipped_at") WHERE "orders"."shipped_at" IS NOT NULL;