"""calendar closures, booking cutoff, end-of-day close

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30 00:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('facilities', schema=None) as batch_op:
        batch_op.add_column(sa.Column('closed_dates', sa.JSON(), nullable=False,
                                      server_default='{}'))
        batch_op.add_column(sa.Column('joint_leave_closes', sa.Boolean(), nullable=False,
                                      server_default='1'))
    with op.batch_alter_table('services', schema=None) as batch_op:
        batch_op.add_column(sa.Column('closed_dates', sa.JSON(), nullable=False,
                                      server_default='{}'))
        batch_op.add_column(sa.Column('open_on_holidays', sa.Boolean(), nullable=False,
                                      server_default='0'))
        batch_op.add_column(sa.Column('booking_cutoff', sa.String(length=5), nullable=True))
    with op.batch_alter_table('ticket_events', schema=None) as batch_op:
        batch_op.alter_column('kind', existing_type=sa.String(length=16),
                              type_=sa.String(length=24), existing_nullable=False)
    op.create_table(
        'city_closures',
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('reason', sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint('day', name=op.f('pk_city_closures')),
    )
    op.create_table(
        'day_closes',
        sa.Column('service_id', sa.Integer(), nullable=False),
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('closed_at', sa.DateTime(), nullable=False),
        sa.Column('tickets', sa.Integer(), nullable=False, server_default='0'),
        sa.ForeignKeyConstraint(['service_id'], ['services.id'],
                                name=op.f('fk_day_closes_service_id_services')),
        sa.PrimaryKeyConstraint('service_id', 'day', name=op.f('pk_day_closes')),
    )


def downgrade() -> None:
    op.drop_table('day_closes')
    op.drop_table('city_closures')
    with op.batch_alter_table('ticket_events', schema=None) as batch_op:
        batch_op.alter_column('kind', existing_type=sa.String(length=24),
                              type_=sa.String(length=16), existing_nullable=False)
    with op.batch_alter_table('services', schema=None) as batch_op:
        batch_op.drop_column('booking_cutoff')
        batch_op.drop_column('open_on_holidays')
        batch_op.drop_column('closed_dates')
    with op.batch_alter_table('facilities', schema=None) as batch_op:
        batch_op.drop_column('joint_leave_closes')
        batch_op.drop_column('closed_dates')
