/**
 * Every rule of the HIPAA pack, one import per file (the file name is the rule id). A test checks
 * this list against the files in this folder.
 */
import type { Rule } from '../rule';
import { rule as TF_001 } from './HIPAA-TF-001';
import { rule as S3_001 } from './HIPAA-S3-001';
import { rule as S3_002 } from './HIPAA-S3-002';
import { rule as S3_003 } from './HIPAA-S3-003';
import { rule as S3_004 } from './HIPAA-S3-004';
import { rule as S3_005 } from './HIPAA-S3-005';
import { rule as S3_006 } from './HIPAA-S3-006';
import { rule as S3_007 } from './HIPAA-S3-007';
import { rule as S3_008 } from './HIPAA-S3-008';
import { rule as S3_009 } from './HIPAA-S3-009';
import { rule as S3_010 } from './HIPAA-S3-010';
import { rule as S3_011 } from './HIPAA-S3-011';
import { rule as S3_012 } from './HIPAA-S3-012';
import { rule as S3_013 } from './HIPAA-S3-013';
import { rule as S3_014 } from './HIPAA-S3-014';
import { rule as S3_015 } from './HIPAA-S3-015';
import { rule as KMS_001 } from './HIPAA-KMS-001';
import { rule as KMS_002 } from './HIPAA-KMS-002';
import { rule as KMS_003 } from './HIPAA-KMS-003';
import { rule as CT_001 } from './HIPAA-CT-001';
import { rule as CT_002 } from './HIPAA-CT-002';
import { rule as CT_003 } from './HIPAA-CT-003';
import { rule as CT_004 } from './HIPAA-CT-004';
import { rule as CT_005 } from './HIPAA-CT-005';
import { rule as CT_006 } from './HIPAA-CT-006';
import { rule as CT_007 } from './HIPAA-CT-007';
import { rule as CT_008 } from './HIPAA-CT-008';
import { rule as CW_001 } from './HIPAA-CW-001';
import { rule as CW_002 } from './HIPAA-CW-002';
import { rule as CW_003 } from './HIPAA-CW-003';
import { rule as CW_004 } from './HIPAA-CW-004';
import { rule as RDS_001 } from './HIPAA-RDS-001';
import { rule as RDS_002 } from './HIPAA-RDS-002';
import { rule as RDS_003 } from './HIPAA-RDS-003';
import { rule as RDS_004 } from './HIPAA-RDS-004';
import { rule as RDS_005 } from './HIPAA-RDS-005';
import { rule as RDS_006 } from './HIPAA-RDS-006';
import { rule as RDS_007 } from './HIPAA-RDS-007';
import { rule as RDS_008 } from './HIPAA-RDS-008';
import { rule as RDS_009 } from './HIPAA-RDS-009';
import { rule as RDS_010 } from './HIPAA-RDS-010';
import { rule as RDS_011 } from './HIPAA-RDS-011';
import { rule as RDS_012 } from './HIPAA-RDS-012';
import { rule as RDS_013 } from './HIPAA-RDS-013';
import { rule as RDS_014 } from './HIPAA-RDS-014';
import { rule as RDS_015 } from './HIPAA-RDS-015';
import { rule as RDS_016 } from './HIPAA-RDS-016';
import { rule as RDS_017 } from './HIPAA-RDS-017';
import { rule as RDS_018 } from './HIPAA-RDS-018';
import { rule as RDS_019 } from './HIPAA-RDS-019';
import { rule as RDS_020 } from './HIPAA-RDS-020';
import { rule as RDS_021 } from './HIPAA-RDS-021';
import { rule as RDS_022 } from './HIPAA-RDS-022';
import { rule as RDS_023 } from './HIPAA-RDS-023';
import { rule as EC2_001 } from './HIPAA-EC2-001';
import { rule as EC2_002 } from './HIPAA-EC2-002';
import { rule as EC2_003 } from './HIPAA-EC2-003';
import { rule as EC2_004 } from './HIPAA-EC2-004';
import { rule as EC2_005 } from './HIPAA-EC2-005';
import { rule as EC2_006 } from './HIPAA-EC2-006';
import { rule as EC2_007 } from './HIPAA-EC2-007';
import { rule as EC2_008 } from './HIPAA-EC2-008';
import { rule as EC2_009 } from './HIPAA-EC2-009';
import { rule as EC2_010 } from './HIPAA-EC2-010';
import { rule as VPC_001 } from './HIPAA-VPC-001';
import { rule as VPC_002 } from './HIPAA-VPC-002';
import { rule as VPC_003 } from './HIPAA-VPC-003';
import { rule as VPC_004 } from './HIPAA-VPC-004';
import { rule as VPC_005 } from './HIPAA-VPC-005';
import { rule as VPC_006 } from './HIPAA-VPC-006';
import { rule as VPC_007 } from './HIPAA-VPC-007';
import { rule as IAM_001 } from './HIPAA-IAM-001';
import { rule as IAM_002 } from './HIPAA-IAM-002';
import { rule as IAM_003 } from './HIPAA-IAM-003';
import { rule as IAM_004 } from './HIPAA-IAM-004';
import { rule as IAM_005 } from './HIPAA-IAM-005';
import { rule as IAM_006 } from './HIPAA-IAM-006';
import { rule as IAM_007 } from './HIPAA-IAM-007';
import { rule as IAM_008 } from './HIPAA-IAM-008';
import { rule as IAM_009 } from './HIPAA-IAM-009';
import { rule as IAM_010 } from './HIPAA-IAM-010';
import { rule as IAM_011 } from './HIPAA-IAM-011';
import { rule as IAM_012 } from './HIPAA-IAM-012';
import { rule as IAM_013 } from './HIPAA-IAM-013';
import { rule as SM_001 } from './HIPAA-SM-001';
import { rule as SM_002 } from './HIPAA-SM-002';
import { rule as SM_003 } from './HIPAA-SM-003';
import { rule as GD_001 } from './HIPAA-GD-001';
import { rule as SH_001 } from './HIPAA-SH-001';
import { rule as SH_002 } from './HIPAA-SH-002';
import { rule as CFG_001 } from './HIPAA-CFG-001';
import { rule as CFG_002 } from './HIPAA-CFG-002';
import { rule as CFG_003 } from './HIPAA-CFG-003';
import { rule as SNS_001 } from './HIPAA-SNS-001';
import { rule as SNS_002 } from './HIPAA-SNS-002';
import { rule as SQS_001 } from './HIPAA-SQS-001';
import { rule as BK_001 } from './HIPAA-BK-001';
import { rule as BK_002 } from './HIPAA-BK-002';
import { rule as BK_003 } from './HIPAA-BK-003';
import { rule as BK_004 } from './HIPAA-BK-004';
import { rule as BK_005 } from './HIPAA-BK-005';
import { rule as ELB_001 } from './HIPAA-ELB-001';
import { rule as ELB_002 } from './HIPAA-ELB-002';
import { rule as ELB_003 } from './HIPAA-ELB-003';
import { rule as ELB_004 } from './HIPAA-ELB-004';
import { rule as ELB_005 } from './HIPAA-ELB-005';
import { rule as ELB_006 } from './HIPAA-ELB-006';
import { rule as ELB_007 } from './HIPAA-ELB-007';
import { rule as ELB_008 } from './HIPAA-ELB-008';
import { rule as ELB_009 } from './HIPAA-ELB-009';
import { rule as ELB_010 } from './HIPAA-ELB-010';
import { rule as SSM_001 } from './HIPAA-SSM-001';
import { rule as SSM_002 } from './HIPAA-SSM-002';

export const ALL_RULES: readonly Rule[] = [
  S3_001,
  S3_002,
  S3_003,
  S3_004,
  S3_005,
  S3_006,
  S3_007,
  S3_008,
  S3_009,
  S3_010,
  S3_011,
  S3_012,
  S3_013,
  S3_014,
  S3_015,
  KMS_001,
  KMS_002,
  KMS_003,
  CT_001,
  CT_002,
  CT_003,
  CT_004,
  CT_005,
  CT_006,
  CT_007,
  CT_008,
  CW_001,
  CW_002,
  CW_003,
  CW_004,
  RDS_001,
  RDS_002,
  RDS_003,
  RDS_004,
  RDS_005,
  RDS_006,
  RDS_007,
  RDS_008,
  RDS_009,
  RDS_010,
  RDS_011,
  RDS_012,
  RDS_013,
  RDS_014,
  RDS_015,
  RDS_016,
  RDS_017,
  RDS_018,
  RDS_019,
  RDS_020,
  RDS_021,
  RDS_022,
  RDS_023,
  EC2_001,
  EC2_002,
  EC2_003,
  EC2_004,
  EC2_005,
  EC2_006,
  EC2_007,
  EC2_008,
  EC2_009,
  EC2_010,
  VPC_001,
  VPC_002,
  VPC_003,
  VPC_004,
  VPC_005,
  VPC_006,
  VPC_007,
  IAM_001,
  IAM_002,
  IAM_003,
  IAM_004,
  IAM_005,
  IAM_006,
  IAM_007,
  IAM_008,
  IAM_009,
  IAM_010,
  IAM_011,
  IAM_012,
  IAM_013,
  SM_001,
  SM_002,
  SM_003,
  GD_001,
  SH_001,
  SH_002,
  CFG_001,
  CFG_002,
  CFG_003,
  SNS_001,
  SNS_002,
  SQS_001,
  BK_001,
  BK_002,
  BK_003,
  BK_004,
  BK_005,
  ELB_001,
  ELB_002,
  ELB_003,
  ELB_004,
  ELB_005,
  ELB_006,
  ELB_007,
  ELB_008,
  ELB_009,
  ELB_010,
  SSM_001,
  SSM_002,
  TF_001,
];
