# Genesys Cloud CX as Code. The module configures no provider: the caller does (see examples/),
# with the provider's own OAuth client (Client Credentials) in GENESYSCLOUD_OAUTHCLIENT_ID /
# GENESYSCLOUD_OAUTHCLIENT_SECRET and the org's region in GENESYSCLOUD_REGION or aws_region.
terraform {
  required_version = ">= 1.3.0"

  required_providers {
    genesyscloud = {
      source = "mypurecloud/genesyscloud"
      # Uses only long-standing arguments of genesyscloud_oauth_client and genesyscloud_integration.
      version = ">= 1.0.0, < 2.0.0"
    }
  }
}
