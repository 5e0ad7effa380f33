"""reports: the daily roll-up of closed service days

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-30 10:00:00

The rows are written by the end-of-day close; the days closed before this revision are
rolled up by the closer's next rounds (services/day_close.py, roll_up_closed_days).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'report_days',
        sa.Column('service_id', sa.Integer(), sa.ForeignKey('services.id'), primary_key=True),
        sa.Column('day', sa.Date(), primary_key=True),
        sa.Column('shape', sa.Integer(), nullable=False),
        sa.Column('tickets', sa.Integer(), nullable=False),
        sa.Column('entries', sa.JSON(), nullable=False),
    )


def downgrade() -> None:
    # A roll-up only repeats the ticket history: nothing is lost with it.
    op.drop_table('report_days')
