variable "proxy_url" {
  description = "The proxy's public origin, exactly the proxy's PUBLIC_URL (https, no path, no trailing slash), e.g. https://viewer.example.com. The widget is served at <proxy_url>/ and signs agents in with the redirect URI <proxy_url>/."
  type        = string

  validation {
    condition     = can(regex("^https://[A-Za-z0-9.-]+(:[0-9]+)?$", var.proxy_url))
    error_message = "proxy_url must be an https origin without a path or trailing slash, e.g. https://viewer.example.com (the same value as the proxy's PUBLIC_URL)."
  }
}

variable "genesys_region" {
  description = "The org's region domain, as in the proxy's GENESYS_REGIONS, e.g. mypurecloud.ie. Used for the review app's deep link https://apps.<region>/directory/#/apps/<id>."
  type        = string
  default     = "mypurecloud.com"

  validation {
    # The same list as core/genesys-regions.ts.
    condition = contains([
      "mypurecloud.com", "use2.us-gov-pure.cloud", "usw2.pure.cloud", "cac1.pure.cloud", "sae1.pure.cloud",
      "mxc1.pure.cloud", "mypurecloud.ie", "euw2.pure.cloud", "mypurecloud.de", "euc2.pure.cloud",
      "mec1.pure.cloud", "aps1.pure.cloud", "apse1.pure.cloud", "mypurecloud.com.au", "mypurecloud.jp",
      "apne2.pure.cloud", "apne3.pure.cloud", "edee1.eusc-pure.cloud",
    ], var.genesys_region)
    error_message = "genesys_region must be a Genesys Cloud region domain such as mypurecloud.com, mypurecloud.ie or euw2.pure.cloud."
  }
}

variable "name" {
  description = "Display name of the interaction widget (the tab agents see); the review app and the OAuth client are named after it."
  type        = string
  default     = "Attachments"
}

variable "widget_group_ids" {
  description = "Groups that see the interaction widget; empty = everyone. A display filter only, NOT authorization: the proxy checks every request against the agent's own Genesys access."
  type        = list(string)
  default     = []
}

variable "queue_ids" {
  description = "Queues whose interactions show the widget (queueIdFilterList); empty = all queues."
  type        = list(string)
  default     = []
}

variable "communication_types" {
  description = "Interaction types that show the widget (communicationTypeFilter), e.g. [\"email\", \"webmessaging\", \"open\"]; empty = every type. Genesys validates the values: check the accepted list with GET /api/v2/integrations/types/embedded-client-app-interaction-widget/configschemas/properties."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for t in var.communication_types : can(regex("^[a-z]+$", t))])
    error_message = "communication_types are lower-case type names such as email, webmessaging, open, chat or call."
  }
}

variable "enable_review_app" {
  description = "Also install the standalone review app (embedded-client-app, displayType standalone) for QA reviewers, opened by its deep link."
  type        = bool
  default     = true
}

variable "review_group_ids" {
  description = "Groups that see the review app in the Apps menu; empty = everyone. A display filter only, NOT authorization."
  type        = list(string)
  default     = []
}

variable "iframe_permissions" {
  description = "Extra iframe permissions (the integration's permissions property), e.g. [\"fullscreen\"] for full-screen video. The widget needs none."
  type        = list(string)
  default     = []
}

variable "oauth_scopes" {
  description = "Scopes of the widget's PKCE client: the agent's token may do no more than this. users/me, conversations (messages and emails included), recordings (ended interactions), notifications (the list updates itself), analytics (review mode)."
  type        = list(string)
  default     = ["users:readonly", "conversations:readonly", "recordings:readonly", "notifications", "analytics:readonly"]
}

variable "access_token_validity_seconds" {
  description = "Lifetime of the agents' tokens (300-172800 s). The widget renews silently before expiry; shorter limits what a stolen token is worth."
  type        = number
  default     = 28800

  validation {
    condition     = var.access_token_validity_seconds >= 300 && var.access_token_validity_seconds <= 172800
    error_message = "access_token_validity_seconds must be between 300 (5 minutes) and 172800 (48 hours)."
  }
}

variable "extra_redirect_uris" {
  description = "More redirect URIs for the same client (a staging proxy, for one). Each must be a proxy origin followed by /."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for u in var.extra_redirect_uris : can(regex("^https://[A-Za-z0-9.-]+(:[0-9]+)?/$", u))])
    error_message = "extra_redirect_uris must look like https://staging-viewer.example.com/ (an https origin and a trailing slash)."
  }
}

variable "intended_state" {
  description = "ENABLED or DISABLED: install disabled first to check the configuration before agents see it."
  type        = string
  default     = "ENABLED"

  validation {
    condition     = contains(["ENABLED", "DISABLED"], var.intended_state)
    error_message = "intended_state must be ENABLED or DISABLED."
  }
}
