-- One database per service: no service reads another's tables.
CREATE DATABASE auth;
CREATE DATABASE credit;
CREATE DATABASE payment;
CREATE DATABASE video;
CREATE DATABASE integration;
