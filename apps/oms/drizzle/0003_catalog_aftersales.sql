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
CREATE INDEX "catalog_products_shop_status_idx" ON "catalog_products" USING btree ("shop_id","status");--> statement-breakpoint
CREATE INDEX "catalog_products_shop_update_idx" ON "catalog_products" USING btree ("shop_id","update_time");--> statement-breakpoint
CREATE INDEX "aftersales_cancellations_shop_status_idx" ON "aftersales_cancellations" USING btree ("shop_id","status");--> statement-breakpoint
CREATE INDEX "aftersales_cancellations_shop_order_idx" ON "aftersales_cancellations" USING btree ("shop_id","order_id");--> statement-breakpoint
CREATE INDEX "aftersales_returns_shop_status_idx" ON "aftersales_returns" USING btree ("shop_id","status");--> statement-breakpoint
CREATE INDEX "aftersales_returns_shop_order_idx" ON "aftersales_returns" USING btree ("shop_id","order_id");