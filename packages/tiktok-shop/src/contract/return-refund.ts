// Placeholder until this domain's endpoints are written.
export const returnRefund = {};
