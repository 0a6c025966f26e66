# The Attachment Viewer in a Genesys Cloud org: the widget's PKCE OAuth client, the interaction
# widget agents see next to an interaction, and the standalone review app for QA reviewers.
# docs/install.md explains every value.

locals {
  # The widget reads exactly these query names (app/shared/context/widget-context.ts); Genesys
  # replaces each {{...}} when it loads the iframe. gcHostOrigin and gcTargetEnv are required: the
  # widget refuses to start without them.
  widget_url = "${var.proxy_url}/?gcConversationId={{gcConversationId}}&gcHostOrigin={{gcHostOrigin}}&gcTargetEnv={{gcTargetEnv}}&gcLangTag={{gcLangTag}}"
  # mode=review opens the review screen (pick an interaction by id, pasted URL or date range). A
  # standalone app belongs to no interaction: Genesys has no conversation id to put in its URL.
  review_url = "${var.proxy_url}/?mode=review&gcHostOrigin={{gcHostOrigin}}&gcTargetEnv={{gcTargetEnv}}&gcLangTag={{gcLangTag}}"

  # allow-scripts + allow-same-origin: the widget runs and keeps its sign-in state (sessionStorage);
  # allow-popups: popup sign-in and links opened from documents; allow-downloads: "Download original".
  iframe_sandbox = "allow-forms,allow-modals,allow-popups,allow-presentation,allow-same-origin,allow-scripts,allow-downloads"

  iframe_permissions = length(var.iframe_permissions) > 0 ? join(",", var.iframe_permissions) : null

  widget_properties = {
    url                     = local.widget_url
    sandbox                 = local.iframe_sandbox
    permissions             = local.iframe_permissions
    groups                  = var.widget_group_ids
    queueIdFilterList       = var.queue_ids
    communicationTypeFilter = join(",", var.communication_types)
  }

  review_properties = {
    url         = local.review_url
    displayType = "standalone"
    sandbox     = local.iframe_sandbox
    permissions = local.iframe_permissions
    groups      = var.review_group_ids
  }

  # The widget calls lifecycle.bootstrapped() once it has rendered and cleans up on stop; the
  # hooks fire only when enabled here. One instance per interaction (not ephemeral).
  lifecycle_hooks = {
    ephemeral = false
    hooks = {
      bootstrap = true
      focus     = false
      blur      = false
      stop      = true
    }
  }

  # The app's icon as Genesys shows it: the SVG and the PNG sizes Genesys takes, which the proxy
  # serves next to the widget (public/ in the repository).
  icon = {
    vector  = "${var.proxy_url}/icon.svg"
    "24x24" = "${var.proxy_url}/icon-24.png"
    "36x36" = "${var.proxy_url}/icon-36.png"
    "48x48" = "${var.proxy_url}/icon-48.png"
    "72x72" = "${var.proxy_url}/icon-72.png"
  }

  widget_advanced = {
    lifecycle = local.lifecycle_hooks
    icon      = local.icon
  }

  review_advanced = {
    lifecycle = local.lifecycle_hooks
    icon      = local.icon
  }

  redirect_uris = concat(["${var.proxy_url}/"], var.extra_redirect_uris)
}

# The widget signs agents in with the Platform SDK's PKCE flow (loginPKCEGrant): a Code
# Authorization client whose secret is never used, never exposed and never stored in state.
resource "genesyscloud_oauth_client" "widget" {
  name                          = "${var.name} viewer (widget sign-in)"
  description                   = "PKCE sign-in of the Attachment Viewer widget served at ${var.proxy_url}/. Managed by Terraform."
  authorized_grant_type         = "CODE"
  registered_redirect_uris      = local.redirect_uris
  scopes                        = var.oauth_scopes
  access_token_validity_seconds = var.access_token_validity_seconds
  state                         = "active"
}

resource "genesyscloud_integration" "interaction_widget" {
  integration_type = "embedded-client-app-interaction-widget"
  intended_state   = var.intended_state

  config {
    name       = var.name
    notes      = "Attachment Viewer: shows the files of the current interaction. Proxy ${var.proxy_url}. Managed by Terraform."
    properties = jsonencode(local.widget_properties)
    advanced   = jsonencode(local.widget_advanced)
  }
}

resource "genesyscloud_integration" "review_app" {
  count = var.enable_review_app ? 1 : 0

  integration_type = "embedded-client-app"
  intended_state   = var.intended_state

  config {
    name       = "${var.name} review"
    notes      = "Attachment Viewer review mode for QA reviewers (old interactions). Proxy ${var.proxy_url}. Managed by Terraform."
    properties = jsonencode(local.review_properties)
    advanced   = jsonencode(local.review_advanced)
  }
}
