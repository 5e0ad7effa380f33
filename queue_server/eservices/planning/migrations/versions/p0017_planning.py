"""The planning chain: e-Musrenbang, e-Budgeting, e-Project, e-Procurement, e-Delivery,
e-Controlling and the OCDS releases (issue 18), in its package
(queue_server/eservices/planning).

Revision ID: 0017
Revises: 0016
Create Date: 2026-11-30 16:41:31.690839
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from queue_server.persistence.models import UTCDateTime

revision = '0017'
down_revision = '0016'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('budget_standard_costs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('unit', sa.String(length=30), nullable=False),
    sa.Column('price', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_budget_standard_costs')),
    sa.UniqueConstraint('year', 'code', name=op.f('uq_budget_standard_costs_year'))
    )
    op.create_table('musrenbang_cycles',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('phases', sa.JSON(), nullable=False),
    sa.Column('rw_ceiling', sa.BigInteger(), server_default='0', nullable=False),
    sa.Column('created_at', UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_musrenbang_cycles')),
    sa.UniqueConstraint('year', name=op.f('uq_musrenbang_cycles_year'))
    )
    op.create_table('procurement_blacklist',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('npwp', sa.String(length=20), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('starts', sa.Date(), nullable=False),
    sa.Column('ends', sa.Date(), nullable=True),
    sa.Column('source', sa.String(length=120), server_default='', nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_procurement_blacklist'))
    )
    with op.batch_alter_table('procurement_blacklist', schema=None) as batch_op:
        batch_op.create_index('ix_procurement_blacklist_npwp', ['npwp'], unique=False)

    op.create_table('budget_office_ceilings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('office_id', sa.Integer(), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['office_id'], ['offices.id'], name=op.f('fk_budget_office_ceilings_office_id_offices')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_budget_office_ceilings')),
    sa.UniqueConstraint('year', 'office_id', name=op.f('uq_budget_office_ceilings_year'))
    )
    op.create_table('musrenbang_areas',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('rw_office_id', sa.Integer(), nullable=False),
    sa.Column('kelurahan_office_id', sa.Integer(), nullable=False),
    sa.Column('kecamatan_office_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['kecamatan_office_id'], ['offices.id'], name=op.f('fk_musrenbang_areas_kecamatan_office_id_offices')),
    sa.ForeignKeyConstraint(['kelurahan_office_id'], ['offices.id'], name=op.f('fk_musrenbang_areas_kelurahan_office_id_offices')),
    sa.ForeignKeyConstraint(['rw_office_id'], ['offices.id'], name=op.f('fk_musrenbang_areas_rw_office_id_offices')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_musrenbang_areas')),
    sa.UniqueConstraint('rw_office_id', name=op.f('uq_musrenbang_areas_rw_office_id'))
    )
    op.create_table('musrenbang_ceilings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('cycle_id', sa.Integer(), nullable=False),
    sa.Column('office_id', sa.Integer(), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['cycle_id'], ['musrenbang_cycles.id'], name=op.f('fk_musrenbang_ceilings_cycle_id_musrenbang_cycles')),
    sa.ForeignKeyConstraint(['office_id'], ['offices.id'], name=op.f('fk_musrenbang_ceilings_office_id_offices')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_musrenbang_ceilings')),
    sa.UniqueConstraint('cycle_id', 'office_id', name=op.f('uq_musrenbang_ceilings_cycle_id'))
    )
    op.create_table('musrenbang_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('cycle_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('unit', sa.String(length=30), nullable=False),
    sa.Column('unit_price', sa.BigInteger(), nullable=False),
    sa.Column('office_id', sa.Integer(), nullable=False),
    sa.Column('category', sa.String(length=80), server_default='', nullable=False),
    sa.Column('active', sa.Boolean(), server_default='1', nullable=False),
    sa.ForeignKeyConstraint(['cycle_id'], ['musrenbang_cycles.id'], name=op.f('fk_musrenbang_items_cycle_id_musrenbang_cycles')),
    sa.ForeignKeyConstraint(['office_id'], ['offices.id'], name=op.f('fk_musrenbang_items_office_id_offices')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_musrenbang_items')),
    sa.UniqueConstraint('cycle_id', 'code', name=op.f('uq_musrenbang_items_cycle_id'))
    )
    op.create_table('musrenbang_minutes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('cycle_id', sa.Integer(), nullable=False),
    sa.Column('kecamatan_office_id', sa.Integer(), nullable=False),
    sa.Column('held_at', UTCDateTime(), nullable=False),
    sa.Column('document_code', sa.String(length=16), nullable=False),
    sa.Column('attendees', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['cycle_id'], ['musrenbang_cycles.id'], name=op.f('fk_musrenbang_minutes_cycle_id_musrenbang_cycles')),
    sa.ForeignKeyConstraint(['kecamatan_office_id'], ['offices.id'], name=op.f('fk_musrenbang_minutes_kecamatan_office_id_offices')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_musrenbang_minutes')),
    sa.UniqueConstraint('cycle_id', 'kecamatan_office_id', name=op.f('uq_musrenbang_minutes_cycle_id'))
    )
    op.create_table('procurement_providers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('office_id', sa.Integer(), nullable=True),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('npwp', sa.String(length=20), nullable=False),
    sa.Column('address', sa.String(length=300), server_default='', nullable=False),
    sa.ForeignKeyConstraint(['office_id'], ['offices.id'], name=op.f('fk_procurement_providers_office_id_offices')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_procurement_providers')),
    sa.UniqueConstraint('npwp', name=op.f('uq_procurement_providers_npwp')),
    sa.UniqueConstraint('office_id', name=op.f('uq_procurement_providers_office_id'))
    )
    op.create_table('musrenbang_proposals',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('ref', sa.String(length=30), nullable=False),
    sa.Column('cycle_id', sa.Integer(), nullable=False),
    sa.Column('rw_office_id', sa.Integer(), nullable=False),
    sa.Column('kelurahan_office_id', sa.Integer(), nullable=False),
    sa.Column('kecamatan_office_id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('office_id', sa.Integer(), nullable=False),
    sa.Column('quantity', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('unit_price', sa.BigInteger(), nullable=False),
    sa.Column('adjusted_price', sa.BigInteger(), nullable=True),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.Column('location', sa.String(length=300), nullable=False),
    sa.Column('lat', sa.Double(), nullable=True),
    sa.Column('lon', sa.Double(), nullable=True),
    sa.Column('justification', sa.Text(), server_default='', nullable=False),
    sa.Column('priority', sa.Integer(), server_default='1', nullable=False),
    sa.Column('rank', sa.Integer(), nullable=True),
    sa.Column('within_ceiling', sa.Boolean(), nullable=True),
    sa.Column('fell_out', sa.String(length=300), server_default='', nullable=False),
    sa.Column('fell_out_figures', sa.JSON(), nullable=True),
    sa.Column('created_at', UTCDateTime(), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_musrenbang_proposals_case_id_cases')),
    sa.ForeignKeyConstraint(['created_by'], ['users.id'], name=op.f('fk_musrenbang_proposals_created_by_users')),
    sa.ForeignKeyConstraint(['cycle_id'], ['musrenbang_cycles.id'], name=op.f('fk_musrenbang_proposals_cycle_id_musrenbang_cycles')),
    sa.ForeignKeyConstraint(['item_id'], ['musrenbang_items.id'], name=op.f('fk_musrenbang_proposals_item_id_musrenbang_items')),
    sa.ForeignKeyConstraint(['kecamatan_office_id'], ['offices.id'], name=op.f('fk_musrenbang_proposals_kecamatan_office_id_offices')),
    sa.ForeignKeyConstraint(['kelurahan_office_id'], ['offices.id'], name=op.f('fk_musrenbang_proposals_kelurahan_office_id_offices')),
    sa.ForeignKeyConstraint(['office_id'], ['offices.id'], name=op.f('fk_musrenbang_proposals_office_id_offices')),
    sa.ForeignKeyConstraint(['rw_office_id'], ['offices.id'], name=op.f('fk_musrenbang_proposals_rw_office_id_offices')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_musrenbang_proposals')),
    sa.UniqueConstraint('case_id', name=op.f('uq_musrenbang_proposals_case_id')),
    sa.UniqueConstraint('ref', name=op.f('uq_musrenbang_proposals_ref'))
    )
    with op.batch_alter_table('musrenbang_proposals', schema=None) as batch_op:
        batch_op.create_index('ix_musrenbang_proposals_kelurahan', ['cycle_id', 'kelurahan_office_id'], unique=False)
        batch_op.create_index('ix_musrenbang_proposals_rw', ['cycle_id', 'rw_office_id'], unique=False)

    op.create_table('budget_lines',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=60), nullable=False),
    sa.Column('office_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('source', sa.String(length=20), nullable=False),
    sa.Column('proposal_id', sa.Integer(), nullable=True),
    sa.Column('standard_cost_id', sa.Integer(), nullable=True),
    sa.Column('quantity', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('unit_price', sa.BigInteger(), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.Column('flags', sa.JSON(), nullable=False),
    sa.Column('reason', sa.Text(), server_default='', nullable=False),
    sa.Column('state', sa.String(length=20), server_default='draft', nullable=False),
    sa.Column('created_at', UTCDateTime(), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.Column('approved_at', UTCDateTime(), nullable=True),
    sa.Column('approved_by', sa.Integer(), nullable=True),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.Column('extra', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['approved_by'], ['users.id'], name=op.f('fk_budget_lines_approved_by_users')),
    sa.ForeignKeyConstraint(['created_by'], ['users.id'], name=op.f('fk_budget_lines_created_by_users')),
    sa.ForeignKeyConstraint(['office_id'], ['offices.id'], name=op.f('fk_budget_lines_office_id_offices')),
    sa.ForeignKeyConstraint(['proposal_id'], ['musrenbang_proposals.id'], name=op.f('fk_budget_lines_proposal_id_musrenbang_proposals')),
    sa.ForeignKeyConstraint(['standard_cost_id'], ['budget_standard_costs.id'], name=op.f('fk_budget_lines_standard_cost_id_budget_standard_costs')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_budget_lines')),
    sa.UniqueConstraint('proposal_id', name=op.f('uq_budget_lines_proposal_id'))
    )
    with op.batch_alter_table('budget_lines', schema=None) as batch_op:
        batch_op.create_index('ix_budget_lines_office', ['year', 'office_id'], unique=False)

    op.create_table('project_packages',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=30), nullable=False),
    sa.Column('ocid', sa.String(length=80), nullable=False),
    sa.Column('budget_line_id', sa.Integer(), nullable=False),
    sa.Column('office_id', sa.Integer(), nullable=False),
    sa.Column('kecamatan_office_id', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('value', sa.BigInteger(), nullable=False),
    sa.Column('method', sa.String(length=20), nullable=False),
    sa.Column('method_suggested', sa.String(length=20), nullable=False),
    sa.Column('category', sa.String(length=20), server_default='works', nullable=False),
    sa.Column('starts', sa.Date(), nullable=False),
    sa.Column('ends', sa.Date(), nullable=False),
    sa.Column('payment_plan', sa.JSON(), nullable=False),
    sa.Column('plan', sa.JSON(), nullable=False),
    sa.Column('state', sa.String(length=20), server_default='draft', nullable=False),
    sa.Column('created_at', UTCDateTime(), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.Column('multi_year', sa.Boolean(), server_default='0', nullable=False),
    sa.Column('multi_year_reason', sa.String(length=500), server_default='', nullable=False),
    sa.ForeignKeyConstraint(['budget_line_id'], ['budget_lines.id'], name=op.f('fk_project_packages_budget_line_id_budget_lines')),
    sa.ForeignKeyConstraint(['created_by'], ['users.id'], name=op.f('fk_project_packages_created_by_users')),
    sa.ForeignKeyConstraint(['kecamatan_office_id'], ['offices.id'], name=op.f('fk_project_packages_kecamatan_office_id_offices')),
    sa.ForeignKeyConstraint(['office_id'], ['offices.id'], name=op.f('fk_project_packages_office_id_offices')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_project_packages')),
    sa.UniqueConstraint('code', name=op.f('uq_project_packages_code')),
    sa.UniqueConstraint('ocid', name=op.f('uq_project_packages_ocid'))
    )
    with op.batch_alter_table('project_packages', schema=None) as batch_op:
        batch_op.create_index('ix_project_packages_line', ['budget_line_id'], unique=False)
        batch_op.create_index('ix_project_packages_office', ['office_id', 'state'], unique=False)

    op.create_table('ocds_releases',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('release_id', sa.String(length=120), nullable=False),
    sa.Column('ocid', sa.String(length=80), nullable=False),
    sa.Column('package_id', sa.Integer(), nullable=False),
    sa.Column('date', UTCDateTime(), nullable=False),
    sa.Column('tags', sa.JSON(), nullable=False),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['package_id'], ['project_packages.id'], name=op.f('fk_ocds_releases_package_id_project_packages')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ocds_releases')),
    sa.UniqueConstraint('release_id', name=op.f('uq_ocds_releases_release_id'))
    )
    with op.batch_alter_table('ocds_releases', schema=None) as batch_op:
        batch_op.create_index('ix_ocds_releases_date', ['date'], unique=False)
        batch_op.create_index('ix_ocds_releases_ocid', ['ocid', 'id'], unique=False)

    op.create_table('procurement_tenders',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('package_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=30), nullable=False),
    sa.Column('method', sa.String(length=20), nullable=False),
    sa.Column('state', sa.String(length=20), server_default='draft', nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('value', sa.BigInteger(), nullable=False),
    sa.Column('created_at', UTCDateTime(), nullable=False),
    sa.Column('published_at', UTCDateTime(), nullable=True),
    sa.Column('bid_deadline', UTCDateTime(), nullable=True),
    sa.Column('winner_bid_id', sa.Integer(), nullable=True),
    sa.Column('awarded_at', UTCDateTime(), nullable=True),
    sa.Column('complaints_until', sa.Date(), nullable=True),
    sa.Column('source', sa.String(length=10), server_default='local', nullable=False),
    sa.Column('external_id', sa.String(length=60), nullable=True),
    sa.Column('details', sa.JSON(), nullable=False),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.ForeignKeyConstraint(['package_id'], ['project_packages.id'], name=op.f('fk_procurement_tenders_package_id_project_packages')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_procurement_tenders')),
    sa.UniqueConstraint('code', name=op.f('uq_procurement_tenders_code')),
    sa.UniqueConstraint('external_id', name=op.f('uq_procurement_tenders_external_id')),
    sa.UniqueConstraint('package_id', name=op.f('uq_procurement_tenders_package_id'))
    )
    op.create_table('delivery_contracts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('package_id', sa.Integer(), nullable=False),
    sa.Column('tender_id', sa.Integer(), nullable=True),
    sa.Column('provider_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=80), nullable=True),
    sa.Column('value', sa.BigInteger(), nullable=False),
    sa.Column('state', sa.String(length=20), server_default='award_letter', nullable=False),
    sa.Column('award_letter_at', UTCDateTime(), nullable=False),
    sa.Column('award_letter_code', sa.String(length=16), nullable=True),
    sa.Column('signed_at', UTCDateTime(), nullable=True),
    sa.Column('contract_code', sa.String(length=16), nullable=True),
    sa.Column('started_at', UTCDateTime(), nullable=True),
    sa.Column('notice_code', sa.String(length=16), nullable=True),
    sa.Column('handed_over_at', UTCDateTime(), nullable=True),
    sa.Column('handover_code', sa.String(length=16), nullable=True),
    sa.Column('starts', sa.Date(), nullable=True),
    sa.Column('ends', sa.Date(), nullable=True),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.ForeignKeyConstraint(['package_id'], ['project_packages.id'], name=op.f('fk_delivery_contracts_package_id_project_packages')),
    sa.ForeignKeyConstraint(['provider_id'], ['procurement_providers.id'], name=op.f('fk_delivery_contracts_provider_id_procurement_providers')),
    sa.ForeignKeyConstraint(['tender_id'], ['procurement_tenders.id'], name=op.f('fk_delivery_contracts_tender_id_procurement_tenders')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_delivery_contracts')),
    sa.UniqueConstraint('number', name=op.f('uq_delivery_contracts_number')),
    sa.UniqueConstraint('package_id', name=op.f('uq_delivery_contracts_package_id'))
    )
    op.create_table('procurement_bids',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('tender_id', sa.Integer(), nullable=False),
    sa.Column('provider_id', sa.Integer(), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.Column('submitted_at', UTCDateTime(), nullable=False),
    sa.Column('state', sa.String(length=20), server_default='submitted', nullable=False),
    sa.Column('score', sa.Numeric(precision=6, scale=2), nullable=True),
    sa.Column('note', sa.Text(), server_default='', nullable=False),
    sa.ForeignKeyConstraint(['provider_id'], ['procurement_providers.id'], name=op.f('fk_procurement_bids_provider_id_procurement_providers')),
    sa.ForeignKeyConstraint(['tender_id'], ['procurement_tenders.id'], name=op.f('fk_procurement_bids_tender_id_procurement_tenders')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_procurement_bids')),
    sa.UniqueConstraint('tender_id', 'provider_id', name=op.f('uq_procurement_bids_tender_id'))
    )
    op.create_table('procurement_complaints',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('tender_id', sa.Integer(), nullable=False),
    sa.Column('provider_id', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('filed_at', UTCDateTime(), nullable=False),
    sa.Column('state', sa.String(length=20), server_default='open', nullable=False),
    sa.Column('answer', sa.Text(), server_default='', nullable=False),
    sa.Column('answered_at', UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['provider_id'], ['procurement_providers.id'], name=op.f('fk_procurement_complaints_provider_id_procurement_providers')),
    sa.ForeignKeyConstraint(['tender_id'], ['procurement_tenders.id'], name=op.f('fk_procurement_complaints_tender_id_procurement_tenders')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_procurement_complaints'))
    )
    op.create_table('controlling_reports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('contract_id', sa.Integer(), nullable=False),
    sa.Column('package_id', sa.Integer(), nullable=False),
    sa.Column('month', sa.String(length=7), nullable=False),
    sa.Column('physical', sa.Numeric(precision=5, scale=2), nullable=False),
    sa.Column('financial', sa.Numeric(precision=5, scale=2), nullable=False),
    sa.Column('spent', sa.BigInteger(), server_default='0', nullable=False),
    sa.Column('note', sa.Text(), server_default='', nullable=False),
    sa.Column('state', sa.String(length=20), server_default='submitted', nullable=False),
    sa.Column('reason', sa.String(length=500), server_default='', nullable=False),
    sa.Column('reported_at', UTCDateTime(), nullable=False),
    sa.Column('reported_by', sa.Integer(), nullable=True),
    sa.Column('decided_at', UTCDateTime(), nullable=True),
    sa.Column('decided_by', sa.Integer(), nullable=True),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.ForeignKeyConstraint(['contract_id'], ['delivery_contracts.id'], name=op.f('fk_controlling_reports_contract_id_delivery_contracts')),
    sa.ForeignKeyConstraint(['decided_by'], ['users.id'], name=op.f('fk_controlling_reports_decided_by_users')),
    sa.ForeignKeyConstraint(['package_id'], ['project_packages.id'], name=op.f('fk_controlling_reports_package_id_project_packages')),
    sa.ForeignKeyConstraint(['reported_by'], ['users.id'], name=op.f('fk_controlling_reports_reported_by_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_controlling_reports')),
    sa.UniqueConstraint('contract_id', 'month', name=op.f('uq_controlling_reports_contract_id'))
    )
    with op.batch_alter_table('controlling_reports', schema=None) as batch_op:
        batch_op.create_index('ix_controlling_reports_package', ['package_id', 'month'], unique=False)

    op.create_table('delivery_termins',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('contract_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('percent', sa.Numeric(precision=5, scale=2), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.Column('progress_needed', sa.Numeric(precision=5, scale=2), nullable=False),
    sa.Column('state', sa.String(length=20), server_default='planned', nullable=False),
    sa.ForeignKeyConstraint(['contract_id'], ['delivery_contracts.id'], name=op.f('fk_delivery_termins_contract_id_delivery_contracts')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_delivery_termins')),
    sa.UniqueConstraint('contract_id', 'number', name=op.f('uq_delivery_termins_contract_id'))
    )
    op.create_table('controlling_photos',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('report_id', sa.Integer(), nullable=False),
    sa.Column('content_type', sa.String(length=60), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['report_id'], ['controlling_reports.id'], name=op.f('fk_controlling_photos_report_id_controlling_reports')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_controlling_photos'))
    )
    op.create_table('delivery_invoices',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('contract_id', sa.Integer(), nullable=False),
    sa.Column('termin_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=60), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.Column('submitted_at', UTCDateTime(), nullable=False),
    sa.Column('state', sa.String(length=20), server_default='submitted', nullable=False),
    sa.Column('reason', sa.String(length=500), server_default='', nullable=False),
    sa.Column('decided_at', UTCDateTime(), nullable=True),
    sa.Column('decided_by', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['contract_id'], ['delivery_contracts.id'], name=op.f('fk_delivery_invoices_contract_id_delivery_contracts')),
    sa.ForeignKeyConstraint(['decided_by'], ['users.id'], name=op.f('fk_delivery_invoices_decided_by_users')),
    sa.ForeignKeyConstraint(['termin_id'], ['delivery_termins.id'], name=op.f('fk_delivery_invoices_termin_id_delivery_termins')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_delivery_invoices'))
    )
    op.create_table('delivery_payments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('contract_id', sa.Integer(), nullable=False),
    sa.Column('invoice_id', sa.Integer(), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.Column('paid_at', UTCDateTime(), nullable=False),
    sa.Column('reference', sa.String(length=60), nullable=False),
    sa.Column('recorded_by', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['contract_id'], ['delivery_contracts.id'], name=op.f('fk_delivery_payments_contract_id_delivery_contracts')),
    sa.ForeignKeyConstraint(['invoice_id'], ['delivery_invoices.id'], name=op.f('fk_delivery_payments_invoice_id_delivery_invoices')),
    sa.ForeignKeyConstraint(['recorded_by'], ['users.id'], name=op.f('fk_delivery_payments_recorded_by_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_delivery_payments')),
    sa.UniqueConstraint('invoice_id', name=op.f('uq_delivery_payments_invoice_id'))
    )


def downgrade() -> None:
    op.drop_table('delivery_payments')
    op.drop_table('delivery_invoices')
    op.drop_table('controlling_photos')
    op.drop_table('delivery_termins')
    with op.batch_alter_table('controlling_reports', schema=None) as batch_op:
        batch_op.drop_index('ix_controlling_reports_package')

    op.drop_table('controlling_reports')
    op.drop_table('procurement_complaints')
    op.drop_table('procurement_bids')
    op.drop_table('delivery_contracts')
    op.drop_table('procurement_tenders')
    with op.batch_alter_table('ocds_releases', schema=None) as batch_op:
        batch_op.drop_index('ix_ocds_releases_ocid')
        batch_op.drop_index('ix_ocds_releases_date')

    op.drop_table('ocds_releases')
    with op.batch_alter_table('project_packages', schema=None) as batch_op:
        batch_op.drop_index('ix_project_packages_office')
        batch_op.drop_index('ix_project_packages_line')

    op.drop_table('project_packages')
    with op.batch_alter_table('budget_lines', schema=None) as batch_op:
        batch_op.drop_index('ix_budget_lines_office')

    op.drop_table('budget_lines')
    with op.batch_alter_table('musrenbang_proposals', schema=None) as batch_op:
        batch_op.drop_index('ix_musrenbang_proposals_rw')
        batch_op.drop_index('ix_musrenbang_proposals_kelurahan')

    op.drop_table('musrenbang_proposals')
    op.drop_table('procurement_providers')
    op.drop_table('musrenbang_minutes')
    op.drop_table('musrenbang_items')
    op.drop_table('musrenbang_ceilings')
    op.drop_table('musrenbang_areas')
    op.drop_table('budget_office_ceilings')
    with op.batch_alter_table('procurement_blacklist', schema=None) as batch_op:
        batch_op.drop_index('ix_procurement_blacklist_npwp')

    op.drop_table('procurement_blacklist')
    op.drop_table('musrenbang_cycles')
    op.drop_table('budget_standard_costs')
