"""SSW: permit catalogue, applications, document checks, reviews, inspections, permits

Revision ID: 0016
Revises: 0015
Create Date: 2026-11-30 14:10:00

The permits of SSW (issue 17), in its package (queue_server/eservices/ssw).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from queue_server.persistence.models import UTCDateTime

revision = '0016'
down_revision = '0015'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'ssw_permit_types',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('code', sa.String(length=40), nullable=False, unique=True),
        sa.Column('name', sa.String(length=200), nullable=False),
        sa.Column('name_en', sa.String(length=200), nullable=False, server_default=''),
        sa.Column('office_id', sa.Integer(), sa.ForeignKey('offices.id'), nullable=False),
        sa.Column('documents', sa.JSON(), nullable=False),
        sa.Column('fee', sa.Integer(), nullable=False, server_default='0'),
        sa.Column('days', sa.Integer(), nullable=False),
        sa.Column('validity_months', sa.Integer(), nullable=True),
        sa.Column('reviewers', sa.JSON(), nullable=False),
        sa.Column('inspection', sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column('checklist', sa.JSON(), nullable=False),
        sa.Column('template', sa.JSON(), nullable=False),
        sa.Column('active', sa.Boolean(), nullable=False, server_default=sa.true()),
        sa.Column('position', sa.Integer(), nullable=False, server_default='0'),
    )
    op.create_table(
        'ssw_applications',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('case_id', sa.Integer(), sa.ForeignKey('cases.id'), nullable=False, unique=True),
        sa.Column('permit_type_id', sa.Integer(), sa.ForeignKey('ssw_permit_types.id'), nullable=False),
        sa.Column('applicant_kind', sa.String(length=10), nullable=False),
        sa.Column('business_name', sa.String(length=200), nullable=True),
        sa.Column('nib', sa.String(length=20), nullable=True),
        sa.Column('address', sa.String(length=300), nullable=False),
        sa.Column('kelurahan', sa.String(length=80), nullable=True),
        sa.Column('details', sa.JSON(), nullable=False),
        sa.Column('fee', sa.Integer(), nullable=False, server_default='0'),
        sa.Column('submitted_at', UTCDateTime(), nullable=False),
        sa.Column('decided_at', UTCDateTime(), nullable=True),
        sa.Column('permit_number', sa.String(length=80), nullable=True),
        sa.Column('document_code', sa.String(length=16), nullable=True),
        sa.Column('valid_until', sa.Date(), nullable=True),
        sa.Column('reminded_at', UTCDateTime(), nullable=True),
        sa.Column('reasons', sa.Text(), nullable=False, server_default=''),
        sa.Column('renewal_of', sa.Integer(), sa.ForeignKey('ssw_applications.id'), nullable=True),
    )
    op.create_index('ix_ssw_applications_valid', 'ssw_applications', ['valid_until'])
    op.create_index('ix_ssw_applications_type', 'ssw_applications', ['permit_type_id'])
    op.create_table(
        'ssw_documents',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('case_id', sa.Integer(), sa.ForeignKey('cases.id'), nullable=False),
        sa.Column('requirement', sa.String(length=40), nullable=False),
        sa.Column('version', sa.Integer(), nullable=False, server_default='1'),
        sa.Column('file_id', sa.Integer(), sa.ForeignKey('case_files.id'), nullable=False),
        sa.Column('state', sa.String(length=10), nullable=False, server_default='pending'),
        sa.Column('reason', sa.String(length=500), nullable=False, server_default=''),
        sa.Column('uploaded_at', UTCDateTime(), nullable=False),
        sa.Column('checked_by', sa.Integer(), sa.ForeignKey('users.id'), nullable=True),
        sa.Column('checked_at', UTCDateTime(), nullable=True),
        sa.UniqueConstraint('case_id', 'requirement', 'version'),
    )
    op.create_table(
        'ssw_reviews',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('case_id', sa.Integer(), sa.ForeignKey('cases.id'), nullable=False),
        sa.Column('office_id', sa.Integer(), sa.ForeignKey('offices.id'), nullable=False),
        sa.Column('state', sa.String(length=10), nullable=False, server_default='pending'),
        sa.Column('started_at', UTCDateTime(), nullable=False),
        sa.Column('due', sa.Date(), nullable=False),
        sa.Column('decided_by', sa.Integer(), sa.ForeignKey('users.id'), nullable=True),
        sa.Column('decided_at', UTCDateTime(), nullable=True),
        sa.Column('comment', sa.Text(), nullable=False, server_default=''),
        sa.UniqueConstraint('case_id', 'office_id'),
    )
    op.create_index('ix_ssw_reviews_office', 'ssw_reviews', ['office_id', 'state'])
    op.create_table(
        'ssw_inspections',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('case_id', sa.Integer(), sa.ForeignKey('cases.id'), nullable=False, unique=True),
        sa.Column('inspector_id', sa.Integer(), sa.ForeignKey('users.id'), nullable=True),
        sa.Column('planned_for', sa.Date(), nullable=True),
        sa.Column('answers', sa.JSON(), nullable=False),
        sa.Column('result', sa.String(length=10), nullable=True),
        sa.Column('notes', sa.Text(), nullable=False, server_default=''),
        sa.Column('done_at', UTCDateTime(), nullable=True),
    )


def downgrade() -> None:
    op.drop_table('ssw_inspections')
    op.drop_index('ix_ssw_reviews_office', table_name='ssw_reviews')
    op.drop_table('ssw_reviews')
    op.drop_table('ssw_documents')
    op.drop_index('ix_ssw_applications_valid', table_name='ssw_applications')
    op.drop_index('ix_ssw_applications_type', table_name='ssw_applications')
    op.drop_table('ssw_applications')
    op.drop_table('ssw_permit_types')
