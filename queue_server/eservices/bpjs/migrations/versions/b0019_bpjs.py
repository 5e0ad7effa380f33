"""BPJS Antrean Online: facilities, service roles and poli codes, hosted accounts,
bookings' BPJS side, the outbox of calls to BPJS and its cursor over ticket history

Revision ID: 0019
Revises: 0018
Create Date: 2026-11-30 21:06:56
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from queue_server.persistence.models import UTCDateTime

revision = '0019'
down_revision = '0018'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('bpjs_cursor',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('last_event_id', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bpjs_cursor'))
    )
    op.create_table('bpjs_accounts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('username', sa.String(length=60), nullable=False),
    sa.Column('password_hash', sa.String(length=255), nullable=False),
    sa.Column('facility_id', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['facility_id'], ['facilities.id'], name=op.f('fk_bpjs_accounts_facility_id_facilities')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bpjs_accounts')),
    sa.UniqueConstraint('username', name=op.f('uq_bpjs_accounts_username'))
    )
    op.create_table('bpjs_facilities',
    sa.Column('facility_id', sa.Integer(), nullable=False),
    sa.Column('level', sa.String(length=8), nullable=False),
    sa.Column('ppk_code', sa.String(length=20), nullable=False),
    sa.Column('reporting', sa.Boolean(), nullable=False),
    sa.Column('new_patients', sa.String(length=8), server_default='accept', nullable=False),
    sa.ForeignKeyConstraint(['facility_id'], ['facilities.id'], name=op.f('fk_bpjs_facilities_facility_id_facilities')),
    sa.PrimaryKeyConstraint('facility_id', name=op.f('pk_bpjs_facilities'))
    )
    op.create_table('bpjs_bookings',
    sa.Column('visit_id', sa.Integer(), nullable=False),
    sa.Column('facility_id', sa.Integer(), nullable=False),
    sa.Column('service_id', sa.Integer(), nullable=False),
    sa.Column('kodebooking', sa.String(length=16), nullable=False),
    sa.Column('source', sa.String(length=8), nullable=False),
    sa.Column('jenispasien', sa.String(length=8), nullable=False),
    sa.Column('kodepoli', sa.String(length=8), nullable=False),
    sa.Column('tanggalperiksa', sa.Date(), nullable=False),
    sa.Column('nomorreferensi', sa.String(length=40), nullable=False),
    sa.Column('jeniskunjungan', sa.Integer(), nullable=True),
    sa.Column('kodedokter', sa.Integer(), nullable=True),
    sa.Column('jampraktek', sa.String(length=11), nullable=False),
    sa.Column('norm', sa.String(length=20), nullable=False),
    sa.Column('created_at', UTCDateTime(), nullable=False),
    sa.Column('checked_in_at', UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['facility_id'], ['facilities.id'], name=op.f('fk_bpjs_bookings_facility_id_facilities')),
    sa.ForeignKeyConstraint(['service_id'], ['services.id'], name=op.f('fk_bpjs_bookings_service_id_services')),
    sa.ForeignKeyConstraint(['visit_id'], ['visits.id'], name=op.f('fk_bpjs_bookings_visit_id_visits')),
    sa.PrimaryKeyConstraint('visit_id', name=op.f('pk_bpjs_bookings')),
    sa.UniqueConstraint('kodebooking', name=op.f('uq_bpjs_bookings_kodebooking'))
    )
    with op.batch_alter_table('bpjs_bookings', schema=None) as batch_op:
        batch_op.create_index('ix_bpjs_bookings_day', ['facility_id', 'tanggalperiksa'], unique=False)

    op.create_table('bpjs_calls',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('visit_id', sa.Integer(), nullable=False),
    sa.Column('facility_id', sa.Integer(), nullable=False),
    sa.Column('kodebooking', sa.String(length=16), nullable=False),
    sa.Column('kind', sa.String(length=8), nullable=False),
    sa.Column('taskid', sa.Integer(), nullable=False),
    sa.Column('waktu_ms', sa.BigInteger(), nullable=True),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('next_at', UTCDateTime(), nullable=False),
    sa.Column('lease_until', UTCDateTime(), nullable=True),
    sa.Column('created_at', UTCDateTime(), nullable=False),
    sa.Column('sent_at', UTCDateTime(), nullable=True),
    sa.Column('done_at', UTCDateTime(), nullable=True),
    sa.Column('last_code', sa.Integer(), nullable=True),
    sa.Column('last_message', sa.Text(), nullable=False),
    sa.Column('extra', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['facility_id'], ['facilities.id'], name=op.f('fk_bpjs_calls_facility_id_facilities')),
    sa.ForeignKeyConstraint(['visit_id'], ['visits.id'], name=op.f('fk_bpjs_calls_visit_id_visits')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bpjs_calls')),
    sa.UniqueConstraint('visit_id', 'kind', 'taskid', name='uq_bpjs_call')
    )
    with op.batch_alter_table('bpjs_calls', schema=None) as batch_op:
        batch_op.create_index('ix_bpjs_calls_due', ['status', 'next_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_bpjs_calls_visit_id'), ['visit_id'], unique=False)

    op.create_table('bpjs_patients',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('facility_id', sa.Integer(), nullable=False),
    sa.Column('nomorkartu', sa.String(length=13), nullable=False),
    sa.Column('nik', sa.String(length=16), nullable=False),
    sa.Column('norm', sa.String(length=20), nullable=False),
    sa.Column('created_at', UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['facility_id'], ['facilities.id'], name=op.f('fk_bpjs_patients_facility_id_facilities')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bpjs_patients')),
    sa.UniqueConstraint('facility_id', 'nomorkartu', name='uq_bpjs_patient_card')
    )
    op.create_table('bpjs_services',
    sa.Column('service_id', sa.Integer(), nullable=False),
    sa.Column('facility_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(length=12), nullable=False),
    sa.Column('kodepoli', sa.String(length=8), nullable=True),
    sa.Column('namapoli', sa.String(length=120), nullable=False),
    sa.Column('kodedokter', sa.Integer(), nullable=True),
    sa.Column('namadokter', sa.String(length=120), nullable=False),
    sa.ForeignKeyConstraint(['facility_id'], ['facilities.id'], name=op.f('fk_bpjs_services_facility_id_facilities')),
    sa.ForeignKeyConstraint(['service_id'], ['services.id'], name=op.f('fk_bpjs_services_service_id_services')),
    sa.PrimaryKeyConstraint('service_id', name=op.f('pk_bpjs_services')),
    sa.UniqueConstraint('facility_id', 'kodepoli', name='uq_bpjs_poli')
    )
    with op.batch_alter_table('bpjs_services', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_bpjs_services_facility_id'), ['facility_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('bpjs_services', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_bpjs_services_facility_id'))

    op.drop_table('bpjs_services')
    op.drop_table('bpjs_patients')
    with op.batch_alter_table('bpjs_calls', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_bpjs_calls_visit_id'))
        batch_op.drop_index('ix_bpjs_calls_due')

    op.drop_table('bpjs_calls')
    with op.batch_alter_table('bpjs_bookings', schema=None) as batch_op:
        batch_op.drop_index('ix_bpjs_bookings_day')

    op.drop_table('bpjs_bookings')
    op.drop_table('bpjs_facilities')
    op.drop_table('bpjs_accounts')
    op.drop_table('bpjs_cursor')
