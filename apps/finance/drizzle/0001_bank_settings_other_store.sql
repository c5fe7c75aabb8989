CREATE TABLE "fin_bank_lines" (
	"shop_id" text NOT NULL,
	"id" text NOT NULL,
	"fit_id" text,
	"posted_date" text NOT NULL,
	"amount" text NOT NULL,
	"currency" text NOT NULL,
	"description" text NOT NULL,
	"import_id" text NOT NULL,
	"imported_at" bigint NOT NULL,
	CONSTRAINT "fin_bank_lines_shop_id_id_pk" PRIMARY KEY("shop_id","id")
);
--> statement-breakpoint
CREATE TABLE "fin_bank_matches" (
	"shop_id" text NOT NULL,
	"payment_id" text NOT NULL,
	"bank_line_id" text,
	"source" text NOT NULL,
	"decided_at" bigint NOT NULL,
	CONSTRAINT "fin_bank_matches_shop_id_payment_id_pk" PRIMARY KEY("shop_id","payment_id")
);
--> statement-breakpoint
CREATE TABLE "fin_other_store_orders" (
	"shop_id" text NOT NULL,
	"name" text NOT NULL,
	"tiktok_order_id" text,
	"currency" text NOT NULL,
	"subtotal" text NOT NULL,
	"shipping" text NOT NULL,
	"taxes" text NOT NULL,
	"discount" text NOT NULL,
	"total" text NOT NULL,
	"financial_status" text,
	"created_at" text,
	"raw" jsonb NOT NULL,
	"imported_at" bigint NOT NULL,
	CONSTRAINT "fin_other_store_orders_shop_id_name_pk" PRIMARY KEY("shop_id","name")
);
--> statement-breakpoint
CREATE TABLE "fin_seller_settings" (
	"seller_id" text PRIMARY KEY NOT NULL,
	"time_zone" text DEFAULT 'UTC' NOT NULL,
	"split_month_end" boolean DEFAULT true NOT NULL,
	"bank_window_min_days" integer DEFAULT 0 NOT NULL,
	"bank_window_max_days" integer DEFAULT 5 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fin_shop_settings" (
	"shop_id" text PRIMARY KEY NOT NULL,
	"other_store_booking" boolean DEFAULT false NOT NULL,
	"other_store_id_pattern" text
);
--> statement-breakpoint
CREATE INDEX "fin_bank_lines_shop_date_idx" ON "fin_bank_lines" USING btree ("shop_id","posted_date");--> statement-breakpoint
CREATE UNIQUE INDEX "fin_bank_matches_line_idx" ON "fin_bank_matches" USING btree ("shop_id","bank_line_id");--> statement-breakpoint
CREATE INDEX "fin_other_store_orders_tiktok_idx" ON "fin_other_store_orders" USING btree ("shop_id","tiktok_order_id");