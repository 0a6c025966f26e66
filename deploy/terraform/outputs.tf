output "oauth_client_id" {
  description = "The widget's PKCE client: set it as the proxy's GENESYS_OAUTH_CLIENT_ID (served to the widget in /widget-config.json, and pinned: tokens of other clients are refused)."
  value       = genesyscloud_oauth_client.widget.id
}

output "interaction_widget_id" {
  description = "Id of the interaction widget integration."
  value       = genesyscloud_integration.interaction_widget.id
}

output "review_app_id" {
  description = "Id of the standalone review app integration (null when enable_review_app is false)."
  value       = var.enable_review_app ? genesyscloud_integration.review_app[0].id : null
}

output "review_app_deep_link" {
  description = "Where QA reviewers open the review app."
  value       = var.enable_review_app ? "https://apps.${var.genesys_region}/directory/#/apps/${genesyscloud_integration.review_app[0].id}" : null
}

output "proxy_settings" {
  description = "The proxy settings that must agree with this module (see README's configuration table)."
  value = {
    PUBLIC_URL              = var.proxy_url
    GENESYS_REGIONS         = var.genesys_region
    GENESYS_OAUTH_CLIENT_ID = genesyscloud_oauth_client.widget.id
  }
}
