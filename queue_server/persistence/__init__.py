"""SQLAlchemy tables, repositories and the Unit of Work behind the services' ports."""
