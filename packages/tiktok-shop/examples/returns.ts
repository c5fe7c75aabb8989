import type { ShopClient } from "@tts-kit/tiktok-shop";

// Approve a buyer's cancellation; the idempotency key makes the call safe to retry.
export async function approveCancellation(shop: ShopClient, cancelId: string) {
  await shop.returnRefund.approveCancellation({
    params: { cancel_id: cancelId },
    query: { idempotency_key: `approve-${cancelId}` },
  });
}
