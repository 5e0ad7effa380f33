"""e-Surat: classification codes, letters, dispositions, review chains, people involved

Revision ID: 0015
Revises: 0014
Create Date: 2026-11-30 14:10:00

The tables of e-Surat (issue 17), in its package (queue_server/eservices/surat).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from queue_server.persistence.models import UTCDateTime

revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'surat_classifications',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('code', sa.String(length=40), nullable=False, unique=True),
        sa.Column('title', sa.String(length=200), nullable=False),
        sa.Column('active_years', sa.Integer(), nullable=False),
        sa.Column('inactive_years', sa.Integer(), nullable=False),
        sa.Column('disposition', sa.String(length=12), nullable=False),
    )
    op.create_table(
        'surat_letters',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('case_id', sa.Integer(), sa.ForeignKey('cases.id'), nullable=False, unique=True),
        sa.Column('direction', sa.String(length=10), nullable=False),
        sa.Column('office_id', sa.Integer(), sa.ForeignKey('offices.id'), nullable=False),
        sa.Column('classification', sa.String(length=40), nullable=False),
        sa.Column('access', sa.String(length=10), nullable=False),
        sa.Column('urgency', sa.String(length=14), nullable=False),
        sa.Column('subject', sa.String(length=300), nullable=False),
        sa.Column('sender', sa.String(length=200), nullable=True),
        sa.Column('recipient', sa.String(length=200), nullable=True),
        sa.Column('letter_date', sa.Date(), nullable=True),
        sa.Column('letter_number', sa.String(length=80), nullable=True),
        sa.Column('agenda_number', sa.Integer(), nullable=True),
        sa.Column('agenda_year', sa.Integer(), nullable=True),
        sa.Column('template', sa.String(length=40), nullable=True),
        sa.Column('body', sa.Text(), nullable=False, server_default=''),
        sa.Column('scan_file_id', sa.Integer(), sa.ForeignKey('case_files.id'), nullable=True),
        sa.Column('document_code', sa.String(length=16), nullable=True),
        sa.Column('source_case_id', sa.Integer(), sa.ForeignKey('cases.id'), nullable=True),
        sa.Column('delivery', sa.String(length=10), nullable=True),
        sa.Column('to_office_id', sa.Integer(), sa.ForeignKey('offices.id'), nullable=True),
        sa.Column('created_by', sa.Integer(), sa.ForeignKey('users.id'), nullable=True),
        sa.Column('created_at', UTCDateTime(), nullable=False),
        sa.Column('signed_at', UTCDateTime(), nullable=True),
        sa.Column('sent_at', UTCDateTime(), nullable=True),
        sa.Column('filed_at', UTCDateTime(), nullable=True),
        sa.UniqueConstraint('office_id', 'agenda_year', 'agenda_number'),
    )
    op.create_index('ix_surat_letters_office', 'surat_letters', ['office_id', 'direction', 'id'])
    op.create_table(
        'surat_dispositions',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('case_id', sa.Integer(), sa.ForeignKey('cases.id'), nullable=False),
        sa.Column('parent_id', sa.Integer(), sa.ForeignKey('surat_dispositions.id'), nullable=True),
        sa.Column('from_user_id', sa.Integer(), sa.ForeignKey('users.id'), nullable=False),
        sa.Column('to_user_id', sa.Integer(), sa.ForeignKey('users.id'), nullable=False),
        sa.Column('instruction', sa.String(length=500), nullable=False),
        sa.Column('due', sa.Date(), nullable=True),
        sa.Column('created_at', UTCDateTime(), nullable=False),
        sa.Column('read_at', UTCDateTime(), nullable=True),
        sa.Column('withdrawn_at', UTCDateTime(), nullable=True),
        sa.Column('done_at', UTCDateTime(), nullable=True),
        sa.Column('follow_up', sa.Text(), nullable=False, server_default=''),
    )
    op.create_index('ix_surat_dispositions_to', 'surat_dispositions', ['to_user_id', 'read_at'])
    op.create_index('ix_surat_dispositions_case', 'surat_dispositions', ['case_id'])
    op.create_table(
        'surat_reviews',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('case_id', sa.Integer(), sa.ForeignKey('cases.id'), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), sa.ForeignKey('users.id'), nullable=False),
        sa.Column('step', sa.String(length=10), nullable=False),
        sa.Column('state', sa.String(length=10), nullable=False),
        sa.Column('acted_at', UTCDateTime(), nullable=True),
        sa.Column('comment', sa.Text(), nullable=False, server_default=''),
        sa.UniqueConstraint('case_id', 'position'),
    )
    op.create_table(
        'surat_people',
        sa.Column('case_id', sa.Integer(), sa.ForeignKey('cases.id'), primary_key=True),
        sa.Column('user_id', sa.Integer(), sa.ForeignKey('users.id'), primary_key=True),
        sa.Column('why', sa.String(length=12), primary_key=True),
    )


def downgrade() -> None:
    op.drop_table('surat_people')
    op.drop_table('surat_reviews')
    op.drop_index('ix_surat_dispositions_to', table_name='surat_dispositions')
    op.drop_index('ix_surat_dispositions_case', table_name='surat_dispositions')
    op.drop_table('surat_dispositions')
    op.drop_index('ix_surat_letters_office', table_name='surat_letters')
    op.drop_table('surat_letters')
    op.drop_table('surat_classifications')
