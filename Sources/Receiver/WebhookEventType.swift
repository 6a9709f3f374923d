// TikTok Shop webhook type numbers (external-apis.md §2) and which of them start work here.

/// The webhook types TikTok Shop documents. Other numbers arrive too: they are stored and logged.
public enum WebhookEventType: Int, Sendable, CaseIterable {
    case orderStatusChange = 1
    case reverseStatusUpdate = 2
    case recipientAddressUpdate = 3
    case packageUpdate = 4
    case productStatusChange = 5
    case sellerDeauthorization = 6
    case upcomingAuthorizationExpiration = 7
    case cancellationStatusChange = 11
    case returnStatusChange = 12
    case newConversation = 13
    case newMessage = 14
    case productInformationChange = 15
    case productCreation = 16
    case productCategoryChange = 18
    case inventoryStatusChange = 27
    case invoiceStatusChange = 36
    case productAuditStatusChange = 37
    case inventoryChanged = 68

    /// Whether the event is about one order (`data.order_id`) and so starts a classify job.
    /// PACKAGE_UPDATE is not: it lists packages of several orders and follows our own shipping
    /// calls, which TikTok also reports as ORDER_STATUS_CHANGE.
    public var startsClassifyJob: Bool {
        switch self {
        case .orderStatusChange, .reverseStatusUpdate, .recipientAddressUpdate, .cancellationStatusChange,
            .returnStatusChange:
            return true
        default:
            return false
        }
    }

    /// TikTok's name for the type, for logs.
    public var name: String {
        switch self {
        case .orderStatusChange: return "ORDER_STATUS_CHANGE"
        case .reverseStatusUpdate: return "REVERSE_STATUS_UPDATE"
        case .recipientAddressUpdate: return "RECIPIENT_ADDRESS_UPDATE"
        case .packageUpdate: return "PACKAGE_UPDATE"
        case .productStatusChange: return "PRODUCT_STATUS_CHANGE"
        case .sellerDeauthorization: return "SELLER_DEAUTHORIZATION"
        case .upcomingAuthorizationExpiration: return "UPCOMING_AUTHORIZATION_EXPIRATION"
        case .cancellationStatusChange: return "CANCELLATION_STATUS_CHANGE"
        case .returnStatusChange: return "RETURN_STATUS_CHANGE"
        case .newConversation: return "NEW_CONVERSATION"
        case .newMessage: return "NEW_MESSAGE"
        case .productInformationChange: return "PRODUCT_INFORMATION_CHANGE"
        case .productCreation: return "PRODUCT_CREATION"
        case .productCategoryChange: return "PRODUCT_CATEGORY_CHANGE"
        case .inventoryStatusChange: return "INVENTORY_STATUS_CHANGE"
        case .invoiceStatusChange: return "INVOICE_STATUS_CHANGE"
        case .productAuditStatusChange: return "PRODUCT_AUDIT_STATUS_CHANGE"
        case .inventoryChanged: return "INVENTORY_CHANGED"
        }
    }
}
