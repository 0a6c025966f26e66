# Installs the Attachment Viewer in an org in Ireland (mypurecloud.ie), shown to one group's agents
# on messaging and email interactions.
#
#   export GENESYSCLOUD_OAUTHCLIENT_ID=...      # a Client Credentials client for Terraform itself
#   export GENESYSCLOUD_OAUTHCLIENT_SECRET=...  # (never in a file)
#   terraform init && terraform plan

terraform {
  required_version = ">= 1.3.0"

  required_providers {
    genesyscloud = {
      source  = "mypurecloud/genesyscloud"
      version = ">= 1.0.0, < 2.0.0"
    }
  }
}

provider "genesyscloud" {
  # The AWS region of the org (docs/install.md lists them): mypurecloud.ie is eu-west-1.
  aws_region = "eu-west-1"
}

data "genesyscloud_group" "claims_agents" {
  name = "Claims agents"
}

data "genesyscloud_group" "quality_reviewers" {
  name = "Quality reviewers"
}

module "attachment_viewer" {
  source = "../.."

  proxy_url           = "https://viewer.example.com"
  genesys_region      = "mypurecloud.ie"
  widget_group_ids    = [data.genesyscloud_group.claims_agents.id]
  review_group_ids    = [data.genesyscloud_group.quality_reviewers.id]
  communication_types = ["email", "webmessaging", "open"]
}

output "proxy_settings" {
  description = "Put these into the proxy's configuration."
  value       = module.attachment_viewer.proxy_settings
}

output "review_app_deep_link" {
  value = module.attachment_viewer.review_app_deep_link
}
