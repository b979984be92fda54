import { synthJson, tenantDataTier } from './fixtures';

/**
 * Terraform addresses are API: a changed address destroys and recreates the resource, which for a
 * database, a key or a backup vault is data loss. This pins every address of a tenant data tier.
 */
test('pins the Terraform address of every data tier resource', () => {
  const { json } = synthJson(tenantDataTier());
  const addresses = Object.entries(json.resource).flatMap(([type, byName]) => Object.keys(byName).map((name) => `${type}.${name}`));
  expect(addresses.sort()).toEqual([
    'aws_backup_plan.Backups_9A29A52D',
    'aws_backup_selection.Backups_TenantDatabases_D52093B7',
    'aws_backup_vault.MonthlyVault_D1650D3F',
    'aws_backup_vault.Vault_23237E5B',
    'aws_backup_vault_lock_configuration.MonthlyVault_Lock_74FE614B',
    'aws_backup_vault_lock_configuration.Vault_Lock_C9DD9055',
    'aws_cloudwatch_log_group.Bastion_SessionLogs_F454C74B',
    'aws_cloudwatch_log_group.Legacy_LogAudit_E45C8F3C',
    'aws_cloudwatch_log_group.Legacy_LogError_1F8A9F3B',
    'aws_cloudwatch_log_group.Legacy_LogIamDbAuthError_28B39DE5',
    'aws_cloudwatch_log_group.Legacy_LogSlowquery_A9E20CAA',
    'aws_cloudwatch_log_group.Main_LogIamDbAuthError_9A51732D',
    'aws_cloudwatch_log_group.Main_LogPostgresql_BE7ABC2C',
    'aws_cloudwatch_log_group.Main_LogUpgrade_16A578D6',
    'aws_db_instance.Legacy_FA07BB5D',
    'aws_db_instance.Main_54E5BC70',
    'aws_db_option_group.Legacy_OptionGroup_674CB441',
    'aws_db_parameter_group.Legacy_ParameterGroup_22B02462',
    'aws_db_parameter_group.Main_ParameterGroup_1AFF85A6',
    'aws_db_subnet_group.Legacy_SubnetGroup_066BBC6D',
    'aws_db_subnet_group.Main_SubnetGroup_160AD38A',
    'aws_iam_instance_profile.Bastion_InstanceProfile_95B62D1E',
    'aws_iam_policy.Bastion_OperatorPolicy_FF7460EC',
    'aws_iam_policy.Bastion_SessionLogging_7D6A9840',
    'aws_iam_role.Backups_Role_DF769039',
    'aws_iam_role.Bastion_Role_3FB8E918',
    'aws_iam_role.Legacy_MonitoringRole_63CD8922',
    'aws_iam_role.Main_MonitoringRole_8FDF1B03',
    'aws_iam_role_policy_attachment.Backups_BackupPolicy_0FAB4248',
    'aws_iam_role_policy_attachment.Backups_RestorePolicy_8FE81DC8',
    'aws_iam_role_policy_attachment.Bastion_SessionLogging_Attachment_1A284C9C',
    'aws_iam_role_policy_attachment.Bastion_SsmCore_AB3FE59D',
    'aws_iam_role_policy_attachment.Legacy_MonitoringRolePolicy_72DA4BC2',
    'aws_iam_role_policy_attachment.Main_MonitoringRolePolicy_7E348352',
    'aws_instance.Bastion_2B4CEC30',
    'aws_kms_alias.TenantKey_Alias_8E92FB6B',
    'aws_kms_key.TenantKey_8692782D',
    'aws_lambda_permission.PartnerKey_RotationInvoke_4D28EB84',
    'aws_secretsmanager_secret.PartnerKey_1E532ADA',
    'aws_secretsmanager_secret_policy.PartnerKey_Policy_E35190CD',
    'aws_secretsmanager_secret_rotation.PartnerKey_Rotation_672DA254',
    'aws_security_group.Bastion_SecurityGroup_E203F99D',
    'aws_security_group.Legacy_SecurityGroup_B4659E25',
    'aws_security_group.Main_SecurityGroup_D4768774',
    'aws_ssm_document.Bastion_SessionPreferences_8A8A7220',
    'aws_vpc_security_group_egress_rule.Bastion_EgressDbLegacy_85587228',
    'aws_vpc_security_group_egress_rule.Bastion_EgressDbMain_93283183',
    'aws_vpc_security_group_egress_rule.Bastion_EgressEndpoints_3D3DA675',
    'aws_vpc_security_group_ingress_rule.Legacy_IngressBastion_73206537',
    'aws_vpc_security_group_ingress_rule.Main_IngressApp_0059A9EA',
    'aws_vpc_security_group_ingress_rule.Main_IngressBastion_F4C349CF',
  ]);
});
