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
CREATE INDEX "order_search_terms_prefix_idx" ON "order_search_terms" USING btree ("shop_id","term" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "orders_shop_create_idx" ON "orders" USING btree ("shop_id","create_time");--> statement-breakpoint
CREATE INDEX "orders_shop_ship_by_idx" ON "orders" USING btree ("shop_id","ship_by");--> statement-breakpoint
CREATE INDEX "orders_shop_shipped_idx" ON "orders" USING btree ("shop_id","shipped_at") WHERE "orders"."shipped_at" IS NOT NULL;