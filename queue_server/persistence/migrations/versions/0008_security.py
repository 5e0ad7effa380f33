"""security: weak-password flag, security events, booking holds confirmed by phone

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-30 02:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('weak_password', sa.Boolean(), nullable=False,
                                      server_default='0'))
    op.create_table(
        'security_events',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('at', sa.DateTime(), nullable=False),
        sa.Column('kind', sa.String(length=40), nullable=False),
        sa.Column('subject', sa.String(length=80), nullable=False),
        sa.Column('address', sa.String(length=64), nullable=False, server_default=''),
        sa.Column('detail', sa.JSON(), nullable=False, server_default='{}'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_security_events')),
    )
    op.create_index('ix_security_events_at', 'security_events', ['at'])
    op.create_table(
        'booking_holds',
        sa.Column('ticket_id', sa.Integer(), nullable=False),
        sa.Column('otp_hash', sa.String(length=255), nullable=False),
        sa.Column('expires_at', sa.DateTime(), nullable=False),
        sa.Column('attempts', sa.Integer(), nullable=False, server_default='0'),
        sa.Column('confirmed_at', sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(['ticket_id'], ['tickets.id'],
                                name=op.f('fk_booking_holds_ticket_id_tickets')),
        sa.PrimaryKeyConstraint('ticket_id', name=op.f('pk_booking_holds')),
    )
    op.create_index('ix_booking_holds_expires_at', 'booking_holds', ['expires_at'])


def downgrade() -> None:
    op.drop_index('ix_booking_holds_expires_at', table_name='booking_holds')
    op.drop_table('booking_holds')
    op.drop_index('ix_security_events_at', table_name='security_events')
    op.drop_table('security_events')
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('weak_password')
