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
CREATE INDEX "fulfillment_batch_items_shop_idx" ON "fulfillment_batch_items" USING btree ("shop_id");--> statement-breakpoint
CREATE INDEX "fulfillment_batches_shop_idx" ON "fulfillment_batches" USING btree ("shop_id","created_at");--> statement-breakpoint
CREATE INDEX "fulfillment_shipments_order_idx" ON "fulfillment_shipments" USING btree ("shop_id","order_id","created_at");