CREATE TABLE "fin_costs" (
	"shop_id" text NOT NULL,
	"sku_id" text NOT NULL,
	"unit_cost" text NOT NULL,
	"currency" text NOT NULL,
	"updated_at" bigint NOT NULL,
	CONSTRAINT "fin_costs_shop_id_sku_id_pk" PRIMARY KEY("shop_id","sku_id")
);
--> statement-breakpoint
CREATE TABLE "fin_fee_rates" (
	"shop_id" text NOT NULL,
	"component" text NOT NULL,
	"rate_percent" text NOT NULL,
	"basis" text DEFAULT 'net_sales' NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	CONSTRAINT "fin_fee_rates_shop_id_component_pk" PRIMARY KEY("shop_id","component")
);
--> statement-breakpoint
CREATE TABLE "fin_ledger_accounts" (
	"seller_id" text NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"tax_rate" text NOT NULL,
	CONSTRAINT "fin_ledger_accounts_seller_id_code_pk" PRIMARY KEY("seller_id","code")
);
--> statement-breakpoint
CREATE TABLE "fin_ledger_mappings" (
	"seller_id" text NOT NULL,
	"line_key" text NOT NULL,
	"account_code" text NOT NULL,
	CONSTRAINT "fin_ledger_mappings_seller_id_line_key_pk" PRIMARY KEY("seller_id","line_key")
);
--> statement-breakpoint
CREATE TABLE "fin_order_details" (
	"shop_id" text NOT NULL,
	"order_id" text NOT NULL,
	"statements_key" text NOT NULL,
	"currency" text,
	"settlement_amount" text,
	"fetched_at" bigint NOT NULL,
	CONSTRAINT "fin_order_details_shop_id_order_id_pk" PRIMARY KEY("shop_id","order_id")
);
--> statement-breakpoint
CREATE TABLE "fin_order_skus" (
	"shop_id" text NOT NULL,
	"order_id" text NOT NULL,
	"statement_id" text NOT NULL,
	"sku_id" text NOT NULL,
	"sku_name" text,
	"product_name" text,
	"quantity" integer NOT NULL,
	"currency" text NOT NULL,
	"revenue_amount" text,
	"shipping_cost_amount" text,
	"fee_tax_amount" text,
	"settlement_amount" text,
	"raw" jsonb NOT NULL,
	CONSTRAINT "fin_order_skus_shop_id_order_id_statement_id_sku_id_pk" PRIMARY KEY("shop_id","order_id","statement_id","sku_id")
);
--> statement-breakpoint
CREATE TABLE "fin_orders" (
	"shop_id" text NOT NULL,
	"id" text NOT NULL,
	"status" text NOT NULL,
	"create_time" bigint NOT NULL,
	"update_time" bigint NOT NULL,
	"delivery_time" bigint,
	"is_sample" boolean DEFAULT false NOT NULL,
	"currency" text,
	"total_amount" text,
	"shipping_fee" text,
	"raw" jsonb NOT NULL,
	"synced_at" bigint NOT NULL,
	CONSTRAINT "fin_orders_shop_id_id_pk" PRIMARY KEY("shop_id","id")
);
--> statement-breakpoint
CREATE TABLE "fin_payments" (
	"shop_id" text NOT NULL,
	"id" text NOT NULL,
	"create_time" bigint NOT NULL,
	"paid_time" bigint,
	"status" text NOT NULL,
	"amount" text NOT NULL,
	"currency" text NOT NULL,
	"settlement_amount" text,
	"reserve_amount" text,
	"amount_before_exchange" text,
	"settlement_currency" text,
	"exchange_rate" text,
	"bank_account" text,
	"raw" jsonb NOT NULL,
	"synced_at" bigint NOT NULL,
	CONSTRAINT "fin_payments_shop_id_id_pk" PRIMARY KEY("shop_id","id")
);
--> statement-breakpoint
CREATE TABLE "fin_statements" (
	"shop_id" text NOT NULL,
	"id" text NOT NULL,
	"statement_time" bigint NOT NULL,
	"currency" text NOT NULL,
	"settlement_amount" text NOT NULL,
	"revenue_amount" text,
	"net_sales_amount" text,
	"fee_amount" text,
	"shipping_cost_amount" text,
	"adjustment_amount" text,
	"payment_id" text,
	"payment_status" text,
	"payment_time" bigint,
	"total_reserve_amount" text,
	"payable_amount" text,
	"transaction_count" integer,
	"amounts_key" text NOT NULL,
	"transactions_key" text,
	"raw" jsonb NOT NULL,
	"synced_at" bigint NOT NULL,
	CONSTRAINT "fin_statements_shop_id_id_pk" PRIMARY KEY("shop_id","id")
);
--> statement-breakpoint
CREATE TABLE "fin_transactions" (
	"shop_id" text NOT NULL,
	"statement_id" text NOT NULL,
	"id" text NOT NULL,
	"type" text NOT NULL,
	"order_id" text,
	"adjustment_id" text,
	"related_order_id" text,
	"order_create_time" bigint,
	"currency" text NOT NULL,
	"revenue_amount" text,
	"shipping_cost_amount" text,
	"fee_tax_amount" text,
	"adjustment_amount" text,
	"settlement_amount" text,
	"reserve_amount" text,
	"reserve_status" text,
	"raw" jsonb NOT NULL,
	CONSTRAINT "fin_transactions_shop_id_statement_id_id_pk" PRIMARY KEY("shop_id","statement_id","id")
);
--> statement-breakpoint
CREATE TABLE "fin_unsettled" (
	"shop_id" text NOT NULL,
	"id" text NOT NULL,
	"type" text NOT NULL,
	"order_id" text,
	"adjustment_id" text,
	"currency" text NOT NULL,
	"order_create_time" bigint,
	"order_delivery_time" bigint,
	"est_revenue_amount" text,
	"est_shipping_cost_amount" text,
	"est_fee_tax_amount" text,
	"est_adjustment_amount" text,
	"est_settlement_amount" text NOT NULL,
	"estimated_settlement" text,
	"unsettled_reason" text,
	"raw" jsonb NOT NULL,
	"current" boolean NOT NULL,
	"synced_at" bigint NOT NULL,
	CONSTRAINT "fin_unsettled_shop_id_id_pk" PRIMARY KEY("shop_id","id")
);
--> statement-breakpoint
CREATE TABLE "fin_withdrawals" (
	"shop_id" text NOT NULL,
	"id" text NOT NULL,
	"type" text NOT NULL,
	"status" text NOT NULL,
	"amount" text NOT NULL,
	"currency" text NOT NULL,
	"create_time" bigint NOT NULL,
	"raw" jsonb NOT NULL,
	"synced_at" bigint NOT NULL,
	CONSTRAINT "fin_withdrawals_shop_id_id_pk" PRIMARY KEY("shop_id","id")
);
--> statement-breakpoint
CREATE TABLE "carrier_mappings" (
	"shop_id" text NOT NULL,
	"warehouse_id" text NOT NULL,
	"delivery_option_id" text NOT NULL,
	"shipping_provider_id" text NOT NULL,
	"carrier_code" text,
	"is_default" boolean DEFAULT false NOT NULL,
	"updated_at" bigint NOT NULL,
	CONSTRAINT "carrier_mappings_shop_id_warehouse_id_delivery_option_id_pk" PRIMARY KEY("shop_id","warehouse_id","delivery_option_id")
);
--> statement-breakpoint
CREATE TABLE "grants" (
	"id" uuid PRIMARY KEY NOT NULL,
	"seller_id" uuid NOT NULL,
	"access_token" text,
	"refresh_token" text,
	"key_id" text NOT NULL,
	"access_expires_at" bigint NOT NULL,
	"refresh_expires_at" bigint NOT NULL,
	"scopes" text[] DEFAULT '{}'::text[] NOT NULL,
	"status" text NOT NULL,
	"revoked_reason" text,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL,
	"refreshed_at" bigint,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "grants_seller_id_unique" UNIQUE("seller_id")
);
--> statement-breakpoint
CREATE TABLE "oauth_states" (
	"id" text PRIMARY KEY NOT NULL,
	"browser_hash" text NOT NULL,
	"market" text NOT NULL,
	"return_path" text NOT NULL,
	"created_at" bigint NOT NULL,
	"expires_at" bigint NOT NULL,
	"consumed_at" bigint
);
--> statement-breakpoint
CREATE TABLE "sellers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"open_id" text NOT NULL,
	"name" text NOT NULL,
	"base_region" text NOT NULL,
	"user_type" integer DEFAULT 0 NOT NULL,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL,
	CONSTRAINT "sellers_open_id_unique" UNIQUE("open_id")
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"seller_id" uuid NOT NULL,
	"created_at" bigint NOT NULL,
	"last_seen_at" bigint NOT NULL,
	"expires_at" bigint NOT NULL,
	"absolute_expires_at" bigint NOT NULL,
	"rotated_from" text,
	"rotated_at" bigint
);
--> statement-breakpoint
CREATE TABLE "shops" (
	"id" text PRIMARY KEY NOT NULL,
	"grant_id" uuid,
	"seller_id" uuid NOT NULL,
	"name" text NOT NULL,
	"region" text NOT NULL,
	"seller_type" text NOT NULL,
	"cipher" text NOT NULL,
	"code" text NOT NULL,
	"status" text NOT NULL,
	"connected_at" bigint NOT NULL,
	"disconnected_at" bigint,
	"purged_at" bigint,
	"purge_lease_until" bigint,
	"auth_expires_at" bigint,
	"reauth_required" boolean DEFAULT false NOT NULL,
	"last_synced_at" bigint,
	"updated_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sync_cursors" (
	"shop_id" text NOT NULL,
	"job" text NOT NULL,
	"window_start" bigint,
	"window_end" bigint,
	"cursor" text,
	"synced_until" bigint,
	"last_success_at" bigint,
	"last_error" text,
	"last_error_at" bigint,
	"running_since" bigint,
	CONSTRAINT "sync_cursors_shop_id_job_pk" PRIMARY KEY("shop_id","job")
);
--> statement-breakpoint
CREATE TABLE "webhook_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "webhook_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"dedupe_key" text NOT NULL,
	"notification_id" text,
	"type" integer NOT NULL,
	"shop_id" text NOT NULL,
	"pushed_at" bigint,
	"received_at" bigint NOT NULL,
	"raw_body" text NOT NULL,
	"status" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"queued_at" bigint,
	"processed_at" bigint
);
--> statement-breakpoint
ALTER TABLE "carrier_mappings" ADD CONSTRAINT "carrier_mappings_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grants" ADD CONSTRAINT "grants_seller_id_sellers_id_fk" FOREIGN KEY ("seller_id") REFERENCES "public"."sellers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_seller_id_sellers_id_fk" FOREIGN KEY ("seller_id") REFERENCES "public"."sellers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shops" ADD CONSTRAINT "shops_grant_id_grants_id_fk" FOREIGN KEY ("grant_id") REFERENCES "public"."grants"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shops" ADD CONSTRAINT "shops_seller_id_sellers_id_fk" FOREIGN KEY ("seller_id") REFERENCES "public"."sellers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "fin_orders_shop_status_idx" ON "fin_orders" USING btree ("shop_id","status");--> statement-breakpoint
CREATE INDEX "fin_orders_shop_update_idx" ON "fin_orders" USING btree ("shop_id","update_time");--> statement-breakpoint
CREATE INDEX "fin_payments_shop_time_idx" ON "fin_payments" USING btree ("shop_id","create_time");--> statement-breakpoint
CREATE INDEX "fin_statements_shop_time_idx" ON "fin_statements" USING btree ("shop_id","statement_time");--> statement-breakpoint
CREATE INDEX "fin_statements_shop_payment_idx" ON "fin_statements" USING btree ("shop_id","payment_id");--> statement-breakpoint
CREATE INDEX "fin_transactions_shop_order_idx" ON "fin_transactions" USING btree ("shop_id","order_id");--> statement-breakpoint
CREATE INDEX "fin_unsettled_shop_order_idx" ON "fin_unsettled" USING btree ("shop_id","order_id");--> statement-breakpoint
CREATE INDEX "fin_withdrawals_shop_time_idx" ON "fin_withdrawals" USING btree ("shop_id","create_time");--> statement-breakpoint
CREATE UNIQUE INDEX "carrier_mappings_default_idx" ON "carrier_mappings" USING btree ("shop_id") WHERE "carrier_mappings"."is_default";--> statement-breakpoint
CREATE INDEX "oauth_states_expires_idx" ON "oauth_states" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "sessions_seller_idx" ON "sessions" USING btree ("seller_id");--> statement-breakpoint
CREATE INDEX "sessions_expires_idx" ON "sessions" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "shops_seller_idx" ON "shops" USING btree ("seller_id");--> statement-breakpoint
CREATE INDEX "shops_grant_idx" ON "shops" USING btree ("grant_id");--> statement-breakpoint
CREATE UNIQUE INDEX "webhook_events_dedupe_key_key" ON "webhook_events" USING btree ("dedupe_key");--> statement-breakpoint
CREATE INDEX "webhook_events_status_received_at_idx" ON "webhook_events" USING btree ("status","received_at");--> statement-breakpoint
CREATE INDEX "webhook_events_shop_id_idx" ON "webhook_events" USING btree ("shop_id");