// The catalogue of every migration the product ships, in order. Append new ones; never edit or
// renumber a migration that has been applied anywhere.

extension Migration {
    /// Every migration, in ascending version order.
    public static let all: [Migration] = [
        coreSchema, operationsSchema, webhookRelay, deadLetterArchive, fulfilment, orderLineItems,
        inventorySyncRequest, orderLineSalesIndex, webhookEnqueueFailure,
        shopReauthorization, contentSnapshots, purchaseForecasts, dashboardEvents,
        dashboardEventLog, dashboardEventInserts, orderLineSkuRecencyIndex,
        unreadIndexes,
    ]
}
